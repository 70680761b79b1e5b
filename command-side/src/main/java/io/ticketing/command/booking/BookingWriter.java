package io.ticketing.command.booking;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import static org.axonframework.commandhandling.GenericCommandResultMessage.asCommandResultMessage;

/**
 * One writer thread: takes what has queued up since its last commit (at most {@code maxBatch}) and hands it to
 * {@link GroupCommit} as one batch. It never waits to fill a batch: under light load a batch is one command and
 * costs what a plain command bus costs; under load the batch grows by itself while the previous commit runs.
 */
class BookingWriter {
    private static final Logger log = LoggerFactory.getLogger(BookingWriter.class);

    private final BlockingQueue<PendingCommand> queue = new LinkedBlockingQueue<>();
    private final GroupCommit commit;
    private final int maxBatch;
    private final Thread thread;
    private boolean accepting = true;
    private volatile boolean running = true;

    BookingWriter(GroupCommit commit, int maxBatch, ThreadFactory threads) {
        this.commit = commit;
        this.maxBatch = maxBatch;
        this.thread = threads.newThread(this::loop);
        thread.start();
    }

    /** False once stopping: the caller then handles the command itself. */
    synchronized boolean submit(PendingCommand command) {
        if (!accepting) {
            return false;
        }
        queue.add(command);
        return true;
    }

    int queued() {
        return queue.size();
    }

    /** Decides what is queued already, then ends the thread. */
    void stop() {
        synchronized (this) {
            accepting = false;
        }
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        List<PendingCommand> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                PendingCommand first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit.run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (Throwable e) {
                log.error("A booking batch failed outside its units of work; its commands are answered with the failure", e);
                for (PendingCommand command : batch) {
                    try {
                        command.answer(asCommandResultMessage(e));
                    } catch (RuntimeException ignored) {
                        // a callback that throws must not end the writer
                    }
                }
                if (e instanceof VirtualMachineError) {
                    throw (VirtualMachineError) e;
                }
            } finally {
                batch.clear();
            }
        }
    }
}
