package org.madoguchi.platform;

/** Lets the platform check department and office ids it stores (staff assignments, devices) without owning them. */
public interface DepartmentCatalog {

    boolean departmentExists(String departmentId);

    boolean officeExists(String officeId);
}
