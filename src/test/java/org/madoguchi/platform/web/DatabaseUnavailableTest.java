package org.madoguchi.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Which failures mean "the database cannot be reached" (503 with Retry-After) rather than a bug (500). A transaction
 * whose connection died under it fails again at its rollback or commit, and Spring reports that failure untranslated:
 * during the chaos run it came out as 500.
 */
class DatabaseUnavailableTest {

    @Test
    void aRollbackThatFailedOnALostConnectionIsAnOutage() {
        TransactionSystemException rollback = new TransactionSystemException("Could not roll back JDBC transaction",
                new PSQLException("This connection has been closed.", PSQLState.CONNECTION_DOES_NOT_EXIST));
        rollback.initApplicationException(new IllegalStateException("the statement before"));
        assertThat(DatabaseUnavailable.causedBy(rollback)).isTrue();
    }

    /** What the chaos run met: the statement failed in beforeCommit, and the pool had closed the connection. */
    @Test
    void aRollbackRefusedByThePoolsClosedConnectionIsAnOutage() {
        assertThat(DatabaseUnavailable.causedBy(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed")))).isTrue();
    }

    @Test
    void aCommitCutByATerminatedConnectionIsAnOutage() {
        TransactionSystemException commit = new TransactionSystemException("Could not commit JDBC transaction",
                new PSQLException("FATAL: terminating connection due to administrator command", PSQLState.UNKNOWN_STATE) {
                    @Override
                    public String getSQLState() {
                        return "57P01";
                    }
                });
        assertThat(DatabaseUnavailable.causedBy(commit)).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new SQLException("I/O error", "08006"))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(DatabaseUnavailable.causedBy(new TransactionSystemException("Could not commit",
                new SQLException("deadlock detected", "40P01")))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new DataIntegrityViolationException("duplicate",
                new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("a bug"))).isFalse();
    }
}
