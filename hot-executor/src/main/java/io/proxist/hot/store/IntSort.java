package io.proxist.hot.store;

/** A stable merge sort of {@code int}s (row or series numbers) by a comparator over primitive state. */
final class IntSort {
    /** Compares two {@code int}s; implementations hold the arrays they compare by (no capturing lambdas). */
    interface Comparator {
        int compare(int a, int b);
    }

    private int[] tmp = new int[16];

    /** Sorts {@code a[from, to)}, stable. */
    void sort(int[] a, int from, int to, Comparator cmp) {
        int n = to - from;
        if (n < 2) return;
        if (tmp.length < n) tmp = new int[Math.max(n, tmp.length * 2)];
        sort(a, from, to, cmp, tmp);
    }

    private static void sort(int[] a, int from, int to, Comparator cmp, int[] tmp) {
        int n = to - from;
        if (n <= 16) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= from && cmp.compare(a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        sort(a, from, mid, cmp, tmp);
        sort(a, mid, to, cmp, tmp);
        if (cmp.compare(a[mid - 1], a[mid]) <= 0) return;
        System.arraycopy(a, from, tmp, 0, n);
        int i = 0;
        int iEnd = mid - from;
        int j = iEnd;
        int k = from;
        while (i < iEnd && j < n) a[k++] = cmp.compare(tmp[j], tmp[i]) < 0 ? tmp[j++] : tmp[i++];
        while (i < iEnd) a[k++] = tmp[i++];
        while (j < n) a[k++] = tmp[j++];
    }
}
