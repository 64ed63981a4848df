package io.proxist.server.admin;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Instant;

/**
 * {@code GET /admin/threads}: every platform thread with its state, the lock it waits on and its owner, the monitors
 * and synchronizers it holds, and its whole stack (unlike {@link ThreadInfo#toString()}, which cuts at 8 frames),
 * plus the deadlocked threads if any.
 */
final class ThreadDump {
    private ThreadDump() {}

    static String now() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        ThreadInfo[] infos = mx.dumpAllThreads(mx.isObjectMonitorUsageSupported(), mx.isSynchronizerUsageSupported());
        StringBuilder sb = new StringBuilder();
        sb.append("thread dump ")
                .append(Instant.now())
                .append(", ")
                .append(infos.length)
                .append(" threads\n");
        long[] deadlocked = mx.findDeadlockedThreads();
        if (deadlocked != null) {
            sb.append("DEADLOCKED threads:");
            for (long id : deadlocked) sb.append(' ').append(id);
            sb.append('\n');
        }
        for (ThreadInfo t : infos) {
            sb.append('\n')
                    .append('"')
                    .append(t.getThreadName())
                    .append("\" #")
                    .append(t.getThreadId())
                    .append(t.isDaemon() ? " daemon" : "")
                    .append(" prio=")
                    .append(t.getPriority())
                    .append(' ')
                    .append(t.getThreadState());
            if (t.getLockName() != null) sb.append(" on ").append(t.getLockName());
            if (t.getLockOwnerName() != null) {
                sb.append(" owned by \"")
                        .append(t.getLockOwnerName())
                        .append("\" #")
                        .append(t.getLockOwnerId());
            }
            sb.append('\n');
            StackTraceElement[] stack = t.getStackTrace();
            MonitorInfo[] monitors = t.getLockedMonitors();
            for (int i = 0; i < stack.length; i++) {
                sb.append("\tat ").append(stack[i]).append('\n');
                for (MonitorInfo m : monitors) {
                    if (m.getLockedStackDepth() == i)
                        sb.append("\t- locked ").append(m).append('\n');
                }
            }
            LockInfo[] syncs = t.getLockedSynchronizers();
            if (syncs.length > 0) {
                sb.append("\tlocked synchronizers:\n");
                for (LockInfo l : syncs) sb.append("\t- ").append(l).append('\n');
            }
        }
        return sb.toString();
    }
}
