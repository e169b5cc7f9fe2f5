package spatialthinker.demo;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import spatialthinker.data.QaRow;
import spatialthinker.train.experiment.Experiment;
import spatialthinker.train.experiment.ResultsReport;

/**
 * The sighted SFT policy against the two blind controls: the same SFT with blanked images (arm
 * {@link Arm#BLIND}) and the data's template prior on the val split (the best a model that reads
 * only each question's template and option set can do). The result counts as seeing only when the
 * sighted policy is at least {@link #MARGIN_POINTS} points above both.
 */
final class BlindControls {

  /** Points the sighted policy must be above each blind control (the experiment's rule). */
  static final double MARGIN_POINTS = ResultsReport.SIGHTED_MARGIN_POINTS;

  private BlindControls() {}

  /**
   * One sentence on the controls, from each arm's accuracy; empty when the sighted or the blind arm
   * is missing.
   */
  static String verdict(Map<Arm, Double> accuracy, List<QaRow> rows) {
    Double sighted = accuracy.get(Arm.SFT);
    Double blind = accuracy.get(Arm.BLIND);
    if (sighted == null || blind == null) {
      return "";
    }
    ResultsReport.TemplatePrior prior = Experiment.templatePrior(rows);
    double worst = Math.max(blind, prior == null ? 0 : prior.accuracy());
    boolean sees = (sighted - worst) * 100 >= MARGIN_POINTS;
    return String.format(
        Locale.ROOT,
        "Blind controls: the same SFT with blanked images %.1f%%%s; the sighted SFT %.1f%% is %s"
            + " %.0f points above both (%+.1f points over the stronger)%s",
        100 * blind,
        prior == null
            ? ""
            : String.format(
                Locale.ROOT,
                ", the data's template prior %.1f%% (chance %.1f%%)",
                100 * prior.accuracy(),
                100 * prior.chance()),
        100 * sighted,
        sees ? "at least" : "NOT",
        MARGIN_POINTS,
        100 * (sighted - worst),
        sees ? "." : ": this run does not show that the policy answers from the image.");
  }
}
