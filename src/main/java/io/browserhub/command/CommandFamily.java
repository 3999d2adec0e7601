package io.browserhub.command;

/** A group of related methods; each family adds its methods to the table, nowhere else names them. */
public interface CommandFamily {
    void register(MethodTable.Builder table);
}
