package org.madoguchi.liveinfo;

/** How full a department's queue is, as shown to visitors: 空いています / やや混雑 / 混雑. */
public enum CongestionLevel {
    QUIET, BUSY, CROWDED
}
