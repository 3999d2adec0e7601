/** Protocol error codes and the exception that carries them, thrown where the fact is known. */
package io.browserhub.error;
