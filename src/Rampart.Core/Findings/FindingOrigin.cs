namespace Rampart.Core.Findings;

/// <summary>Whether a finding comes from the base image or from the application's own build.</summary>
public enum FindingOrigin
{
    /// <summary>
    /// Not tied to a layer or build step (a missing HEALTHCHECK, the scanned reference), or read from a results file
    /// written before findings carried an origin.
    /// </summary>
    Unknown,

    /// <summary>The base image's layers or build steps made it.</summary>
    Base,

    /// <summary>The application's layers or build steps made it (for a finding on several files: at least one of them).</summary>
    Application,
}
