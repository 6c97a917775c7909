package io.fieldcast.roadnetwork.matrix;

import java.util.Arrays;

/**
 * A binary min-heap of (double key, int value) in two primitive arrays. Duplicates are allowed: a search pushes an
 * improved entry again and skips the stale one when it surfaces, which is cheaper than decrease-key here.
 */
final class MinHeap {

    private double[] keys = new double[1024];
    private int[] values = new int[1024];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        size = 0;
    }

    void push(double key, int value) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (keys[parent] <= key) {
                break;
            }
            keys[i] = keys[parent];
            values[i] = values[parent];
            i = parent;
        }
        keys[i] = key;
        values[i] = value;
    }

    double peekKey() {
        return keys[0];
    }

    /** Removes the smallest entry and returns its value. */
    int pop() {
        int top = values[0];
        size--;
        if (size > 0) {
            siftDown(keys[size], values[size]);
        }
        return top;
    }

    private void siftDown(double key, int value) {
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && keys[right] < keys[child]) {
                child = right;
            }
            if (key <= keys[child]) {
                break;
            }
            keys[i] = keys[child];
            values[i] = values[child];
            i = child;
        }
        keys[i] = key;
        values[i] = value;
    }
}
