package io.fieldcast.mobile.visit;

/** Why a visit could not be completed; dispatch re-plans differently for each. */
public enum CannotCompleteReason {
    CUSTOMER_NOT_HOME, NO_ACCESS, PARTS_MISSING, WRONG_SKILL, UNSAFE, CUSTOMER_DECLINED, OUT_OF_TIME, OTHER
}
