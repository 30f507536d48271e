package org.madoguchi.platform;

import java.util.List;

/** Lets the platform check department and office ids it stores (staff assignments, devices) without owning them. */
public interface DepartmentCatalog {

    /** A department or office as the administration pages offer it: its id and its Japanese name. */
    record Entry(String id, String nameJa) {
    }

    boolean departmentExists(String departmentId);

    boolean officeExists(String officeId);

    /** Every department of every office, in floor order, so a staff account can be given some. */
    List<Entry> departments();

    /** Every office, so a kiosk or board can be registered at one. */
    List<Entry> officeEntries();
}
