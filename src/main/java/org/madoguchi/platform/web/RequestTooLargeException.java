package org.madoguchi.platform.web;

import java.io.IOException;

/** Thrown while reading a request body that exceeds the API's limit. */
class RequestTooLargeException extends IOException {
    RequestTooLargeException() {
        super("request body too large");
    }
}
