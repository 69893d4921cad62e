package io.mailflow.streams.correlate;

import java.util.ArrayList;
import java.util.List;

import io.mailflow.schemas.DeliveryEvent;

/**
 * Keeps delivery events in line order while some of them are held: a held attempt reserves a slot,
 * later events queue behind it, and {@link #drainInto(List)} hands out the ready prefix. Not
 * thread-safe.
 */
final class OrderedOutput {

    private static final class Slot {
        final String key;
        DeliveryEvent event;
        boolean ready;

        Slot(String key, DeliveryEvent event, boolean ready) {
            this.key = key;
            this.event = event;
            this.ready = ready;
        }
    }

    private final ArrayList<Slot> slots = new ArrayList<>();
    private int head;
    private long headSequence;
    private int heldCount;

    /** True when no event waits, so a ready event may go straight to the output. */
    boolean isEmpty() {
        return head == slots.size();
    }

    /** Reserves the next slot for a held attempt of {@code key} and returns its sequence. */
    long reserve(String key) {
        long sequence = headSequence + (slots.size() - head);
        slots.add(new Slot(key, null, false));
        heldCount++;
        return sequence;
    }

    /** Appends an event that is ready now; it waits behind earlier held slots. */
    void appendReady(DeliveryEvent event) {
        slots.add(new Slot(null, event, true));
    }

    /** Fills the held slot {@code sequence} with its released event. */
    void complete(long sequence, DeliveryEvent event) {
        Slot slot = slots.get(head + (int) (sequence - headSequence));
        slot.event = event;
        slot.ready = true;
        heldCount--;
    }

    /** Number of slots still held. */
    int heldCount() {
        return heldCount;
    }

    /** Key of the first held slot, or null when the head is ready or the queue is empty. */
    String firstHeldKey() {
        for (int i = head; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            if (!slot.ready) {
                return slot.key;
            }
        }
        return null;
    }

    /** Moves the ready prefix to {@code out}, in order. */
    void drainInto(List<DeliveryEvent> out) {
        while (head < slots.size() && slots.get(head).ready) {
            out.add(slots.get(head).event);
            slots.set(head, null);
            head++;
            headSequence++;
        }
        if (head == slots.size()) {
            slots.clear();
            head = 0;
        } else if (head > 1024 && head > slots.size() / 2) {
            slots.subList(0, head).clear();
            head = 0;
        }
    }
}
