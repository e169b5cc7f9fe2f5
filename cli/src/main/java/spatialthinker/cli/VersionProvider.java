package spatialthinker.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest, or {@code dev} when run from classes. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"spatialthinker " + (v == null ? "dev" : v)};
  }
}
