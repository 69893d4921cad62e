package io.mailflow.ingest.generate;

import java.util.Arrays;

/**
 * A binary min-heap of message lives ordered by {@link MessageLife#nextMicros}, then by
 * {@link MessageLife#sequence}. It does the work of a {@link java.util.PriorityQueue} without a
 * comparator call per comparison, which matters at millions of lines per second.
 */
final class LifeQueue {

    private MessageLife[] heap = new MessageLife[1024];
    private int size;

    int size() {
        return size;
    }

    MessageLife peek() {
        return size == 0 ? null : heap[0];
    }

    void add(MessageLife life) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int position = size++;
        while (position > 0) {
            int parent = (position - 1) >>> 1;
            MessageLife above = heap[parent];
            if (!before(life, above)) {
                break;
            }
            heap[position] = above;
            position = parent;
        }
        heap[position] = life;
    }

    MessageLife poll() {
        if (size == 0) {
            return null;
        }
        MessageLife first = heap[0];
        MessageLife last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            siftDown(last);
        }
        return first;
    }

    private void siftDown(MessageLife life) {
        int position = 0;
        int half = size >>> 1;
        while (position < half) {
            int child = 2 * position + 1;
            MessageLife smaller = heap[child];
            int right = child + 1;
            if (right < size && before(heap[right], smaller)) {
                child = right;
                smaller = heap[right];
            }
            if (!before(smaller, life)) {
                break;
            }
            heap[position] = smaller;
            position = child;
        }
        heap[position] = life;
    }

    private static boolean before(MessageLife a, MessageLife b) {
        return a.nextMicros < b.nextMicros || (a.nextMicros == b.nextMicros && a.sequence < b.sequence);
    }
}
