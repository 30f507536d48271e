package org.madoguchi.reception;

/** Where a ticket was issued: the kiosk, a staff member at a counter, or another module (e.g. the navigator). */
public enum TicketChannel { KIOSK, COUNTER, MODULE }
