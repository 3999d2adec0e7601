package io.browserhub.grid;

/** The Grid could not be asked, or said no. The message is a clause that follows "the Selenium Grid at URL ...". */
final class GridException extends RuntimeException {

    GridException(String message) {
        super(message);
    }

    GridException(String message, Throwable cause) {
        super(message, cause);
    }
}
