package org.madoguchi.platform.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** The one answer to "the database cannot be reached": 503, a code, a Japanese detail and when to try again. */
final class DatabaseUnavailable {

    static final String CODE = "database-unavailable";
    static final String DETAIL = "データベースに接続できません。しばらくお待ちください。";
    /** A restart of the embedded server after a crash takes a few seconds. */
    static final String RETRY_AFTER_SECONDS = "5";

    private DatabaseUnavailable() {
    }

    /**
     * Whether a failure comes from not reaching the database: the pool's timeout, a connection lost or refused
     * (translated by Spring), a transaction that could not begin for want of a connection, or one whose commit or
     * rollback failed because its connection was gone (Spring does not translate those: they arrive as a
     * {@link TransactionSystemException} around the driver's own exception, the statement's failure beside it).
     */
    static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException || connectionLost(t)) {
                return true;
            }
            if (t instanceof TransactionSystemException && t.getCause() instanceof SQLException sql
                    && sql.getSQLState() == null) {
                // A commit or rollback refused by the pool's proxy ("Connection is closed", no SQLSTATE): the pool
                // had already thrown the broken connection away when the statement before it failed.
                return true;
            }
            if (t instanceof TransactionSystemException tx && tx.getApplicationException() != null
                    && tx.getApplicationException() != t && causedBy(tx.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception: lost, refused, closed) and the server's own "going away" codes:
     * 57P01 (terminated by an administrator, as pg_terminate_backend does), 57P02 (crash), 57P03 (not yet up).
     */
    private static boolean connectionLost(Throwable t) {
        if (!(t instanceof SQLException sql) || sql.getSQLState() == null) {
            return false;
        }
        String state = sql.getSQLState();
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }
}
