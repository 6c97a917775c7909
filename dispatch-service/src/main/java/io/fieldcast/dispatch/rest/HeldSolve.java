package io.fieldcast.dispatch.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint under {@code /api/plans/{territoryId}/{date}} that needs the solve itself (its best plan, its
 * solver), which lives in the memory of the instance that runs it: another instance forwards the request there.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface HeldSolve {
}
