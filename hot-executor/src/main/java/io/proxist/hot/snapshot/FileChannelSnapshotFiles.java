package io.proxist.hot.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** {@link SnapshotFiles} over {@link FileChannel} and {@link Files}. */
final class FileChannelSnapshotFiles implements SnapshotFiles {
    static final FileChannelSnapshotFiles INSTANCE = new FileChannelSnapshotFiles();

    private FileChannelSnapshotFiles() {}

    @Override
    public SnapshotChannel create(Path file) throws IOException {
        return new Channel(FileChannel.open(
                file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW));
    }

    @Override
    public SnapshotChannel openRead(Path file) throws IOException {
        return new Channel(FileChannel.open(file, StandardOpenOption.READ));
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
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return names;
    }

    @Override
    public void delete(Path file) throws IOException {
        Files.delete(file);
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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

    private record Channel(FileChannel ch) implements SnapshotChannel {
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
        public long size() throws IOException {
            return ch.size();
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
