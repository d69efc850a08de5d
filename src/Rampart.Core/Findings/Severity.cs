namespace Rampart.Core.Findings;

/// <summary>How serious a hardening finding is, in the words users know from other scanners.</summary>
public enum Severity
{
    Info,
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>How locked in to one vendor an image is.</summary>
public enum LockInLevel
{
    Low,
    Moderate,
    High,
}
