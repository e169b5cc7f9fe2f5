package spatialthinker.core.match;

import java.util.Arrays;

/**
 * Minimum-cost assignment for rectangular cost matrices in O(n²·m) (shortest augmenting paths with
 * potentials). With {@code r} rows and {@code c} columns, every row is assigned a distinct column
 * when {@code r <= c}, and every column a distinct row otherwise, as {@code
 * scipy.optimize.linear_sum_assignment} does.
 */
public final class Hungarian {

  private Hungarian() {}

  /**
   * Solves the assignment problem.
   *
   * @param cost an {@code r × c} matrix of finite costs (rows of equal length)
   * @return for each row, its column, or {@code -1} when the row is left unassigned (only when
   *     {@code r > c})
   */
  public static int[] solve(double[][] cost) {
    int rows = cost.length;
    if (rows == 0) {
      return new int[0];
    }
    int cols = cost[0].length;
    for (double[] row : cost) {
      if (row.length != cols) {
        throw new IllegalArgumentException("cost matrix rows must have equal length");
      }
      for (double v : row) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("cost matrix entries must be finite, got " + v);
        }
      }
    }
    if (cols == 0) {
      int[] none = new int[rows];
      Arrays.fill(none, -1);
      return none;
    }
    if (rows <= cols) {
      return solveWide(cost, rows, cols);
    }
    double[][] t = new double[cols][rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t[j][i] = cost[i][j];
      }
    }
    int[] colToRow = solveWide(t, cols, rows);
    int[] rowToCol = new int[rows];
    Arrays.fill(rowToCol, -1);
    for (int j = 0; j < cols; j++) {
      rowToCol[colToRow[j]] = j;
    }
    return rowToCol;
  }

  /** Total cost of an assignment returned by {@link #solve}. */
  public static double totalCost(double[][] cost, int[] rowToCol) {
    double sum = 0;
    for (int i = 0; i < rowToCol.length; i++) {
      if (rowToCol[i] >= 0) {
        sum += cost[i][rowToCol[i]];
      }
    }
    return sum;
  }

  /** rows <= cols: every row gets a column. Arrays are 1-based with index 0 as the virtual row. */
  private static int[] solveWide(double[][] a, int n, int m) {
    double[] u = new double[n + 1];
    double[] v = new double[m + 1];
    int[] p = new int[m + 1];
    int[] way = new int[m + 1];
    double[] minv = new double[m + 1];
    boolean[] used = new boolean[m + 1];
    for (int i = 1; i <= n; i++) {
      p[0] = i;
      int j0 = 0;
      Arrays.fill(minv, Double.POSITIVE_INFINITY);
      Arrays.fill(used, false);
      do {
        used[j0] = true;
        int i0 = p[j0];
        double delta = Double.POSITIVE_INFINITY;
        int j1 = -1;
        for (int j = 1; j <= m; j++) {
          if (!used[j]) {
            double cur = a[i0 - 1][j - 1] - u[i0] - v[j];
            if (cur < minv[j]) {
              minv[j] = cur;
              way[j] = j0;
            }
            if (minv[j] < delta) {
              delta = minv[j];
              j1 = j;
            }
          }
        }
        for (int j = 0; j <= m; j++) {
          if (used[j]) {
            u[p[j]] += delta;
            v[j] -= delta;
          } else {
            minv[j] -= delta;
          }
        }
        j0 = j1;
      } while (p[j0] != 0);
      do {
        int j1 = way[j0];
        p[j0] = p[j1];
        j0 = j1;
      } while (j0 != 0);
    }
    int[] rowToCol = new int[n];
    for (int j = 1; j <= m; j++) {
      if (p[j] != 0) {
        rowToCol[p[j] - 1] = j - 1;
      }
    }
    return rowToCol;
  }
}
