package io.continuity.lab.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class or method only where PostgreSQL server binaries are installed;
 * elsewhere it is skipped with a message saying what to install, or fails when {@code
 * CONTINUITY_REQUIRE_REAL_SERVERS=1}. See {@link LabAssumptions}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PostgresBinariesCondition.class)
public @interface EnabledIfPostgresBinaries {}
