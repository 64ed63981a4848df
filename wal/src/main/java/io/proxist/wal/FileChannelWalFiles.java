package io.proxist.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link WalFiles} over {@link FileChannel}. A {@code FileChannel} closes itself when a thread blocked in it is
 * interrupted, so the WAL's users must not interrupt threads that append (the WAL then fails like on any I/O error).
 */
final class FileChannelWalFiles implements WalFiles {
    static final FileChannelWalFiles INSTANCE = new FileChannelWalFiles();

    private FileChannelWalFiles() {}

    @Override
    public WalChannel open(Path file, OpenMode mode) throws IOException {
        FileChannel ch =
                switch (mode) {
                    case READ -> FileChannel.open(file, StandardOpenOption.READ);
                    case READ_WRITE -> FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    case CREATE ->
                        FileChannel.open(
                                file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
                };
        return new Channel(ch);
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p)) {
                    names.add(p.getFileName().toString());
                }
            }
        }
        return names;
    }

    @Override
    public void delete(Path file) throws IOException {
        Files.delete(file);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        Files.createDirectories(dir);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        // Opening a directory for reading and forcing it is how the JDK exposes fsync(dirfd) on Linux.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }

    private record Channel(FileChannel ch) implements WalChannel {
        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return ch.write(src, position);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return ch.read(dst, position);
        }

        @Override
        public void force() throws IOException {
            ch.force(false);
        }

        @Override
        public void truncate(long size) throws IOException {
            ch.truncate(size);
        }

        @Override
        public long size() throws IOException {
            return ch.size();
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
