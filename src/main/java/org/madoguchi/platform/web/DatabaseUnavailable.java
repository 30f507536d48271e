package org.madoguchi.platform.web;

import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

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
     * (translated by Spring), or a transaction that could not begin for want of a connection.
     */
    static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException) {
                return true;
            }
        }
        return false;
    }
}
