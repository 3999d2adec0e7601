package io.browserhub.command;

import java.util.concurrent.CompletionStage;

/** Runs one method. The result is any value Jackson can write (records, maps, lists). */
@FunctionalInterface
public interface Handler {
    CompletionStage<?> handle(Call call) throws Exception;
}
