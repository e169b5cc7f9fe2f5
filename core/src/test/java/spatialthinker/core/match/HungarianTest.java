package spatialthinker.core.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HungarianTest {

  @Test
  void solvesAKnownSquareProblem() {
    double[][] cost = {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}};
    int[] a = Hungarian.solve(cost);
    assertThat(a).containsExactly(1, 0, 2);
    assertThat(Hungarian.totalCost(cost, a)).isEqualTo(5.0);
  }

  @Test
  void leavesExtraRowsUnassignedWhenTall() {
    double[][] cost = {{10, 10}, {1, 9}, {9, 1}};
    assertThat(Hungarian.solve(cost)).containsExactly(-1, 0, 1);
  }

  @Test
  void handlesEmptyMatrices() {
    assertThat(Hungarian.solve(new double[0][0])).isEmpty();
    assertThat(Hungarian.solve(new double[][] {{}, {}})).containsExactly(-1, -1);
  }

  @Test
  void rejectsRaggedOrNonFiniteMatrices() {
    assertThatThrownBy(() -> Hungarian.solve(new double[][] {{1, 2}, {3}}))
        .hasMessageContaining("equal length");
    assertThatThrownBy(() -> Hungarian.solve(new double[][] {{Double.NaN}}))
        .hasMessageContaining("finite");
  }

  static Stream<double[][]> randomMatrices() {
    SplittableRandom rng = new SplittableRandom(2024);
    return IntStream.range(0, 400)
        .mapToObj(
            i -> {
              int r = 1 + rng.nextInt(7);
              int c = 1 + rng.nextInt(7);
              double[][] m = new double[r][c];
              boolean integral = rng.nextBoolean(); // integral costs create many ties
              for (double[] row : m) {
                for (int j = 0; j < c; j++) {
                  row[j] = integral ? rng.nextInt(5) : rng.nextDouble(-3, 10);
                }
              }
              return m;
            });
  }

  @ParameterizedTest
  @MethodSource("randomMatrices")
  void matchesBruteForceOptimum(double[][] cost) {
    int[] a = Hungarian.solve(cost);
    int rows = cost.length;
    int cols = cost[0].length;
    assertThat(a).hasSize(rows);
    Set<Integer> used = new HashSet<>();
    int assigned = 0;
    for (int col : a) {
      if (col >= 0) {
        assertThat(used.add(col)).as("column used twice").isTrue();
        assigned++;
      }
    }
    assertThat(assigned).isEqualTo(Math.min(rows, cols));
    assertThat(Hungarian.totalCost(cost, a)).isCloseTo(bruteForce(cost), within(1e-9));
  }

  /** Minimum over all injective assignments of min(rows, cols) pairs. */
  private static double bruteForce(double[][] cost) {
    int rows = cost.length;
    int cols = cost[0].length;
    if (rows <= cols) {
      return search(cost, 0, new boolean[cols]);
    }
    double[][] t = new double[cols][rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t[j][i] = cost[i][j];
      }
    }
    return search(t, 0, new boolean[rows]);
  }

  private static double search(double[][] cost, int row, boolean[] used) {
    if (row == cost.length) {
      return 0;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int j = 0; j < used.length; j++) {
      if (!used[j]) {
        used[j] = true;
        best = Math.min(best, cost[row][j] + search(cost, row + 1, used));
        used[j] = false;
      }
    }
    return best;
  }
}
