package io.proxist.protocol.tcp;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.formats.io.ByteInput;

/**
 * The client's Hello (TCPHandler::receiveHello): packet id 0, client name, version major and minor, protocol
 * revision, default database, user, password.
 */
record ClientHello(
        String clientName,
        long versionMajor,
        long versionMinor,
        long revision,
        String database,
        String user,
        String password) {

    @Override
    public String toString() {
        return "ClientHello[" + clientName + " " + versionMajor + "." + versionMinor + ", revision " + revision
                + ", database " + database + ", user " + user + "]";
    }

    /** Reads a Hello whose packet id has been read already. */
    static ClientHello read(ByteInput in, ProtocolLimits limits) {
        String name = Wire.readString(in, limits.maxNameBytes(), "client name");
        long major = in.readVarUInt();
        long minor = in.readVarUInt();
        long revision = in.readVarUInt();
        String database = Wire.readString(in, limits.maxNameBytes(), "database");
        String user = Wire.readString(in, limits.maxNameBytes(), "user");
        String password = Wire.readString(in, limits.maxNameBytes(), "password");
        if (user.isEmpty()) {
            throw new ProxistException(
                    ErrorCode.UNEXPECTED_PACKET_FROM_CLIENT,
                    "Unexpected packet from client (no user in Hello package)");
        }
        return new ClientHello(name, major, minor, revision, database, user, password);
    }
}
