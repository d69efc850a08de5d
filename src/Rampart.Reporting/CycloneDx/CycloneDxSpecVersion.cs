namespace Rampart.Reporting.CycloneDx;

/// <summary>The CycloneDX specification version a BOM is written for.</summary>
public enum CycloneDxSpecVersion
{
    /// <summary>CycloneDX 1.6, the default: the version most consumers read.</summary>
    V16,

    /// <summary>CycloneDX 1.7.</summary>
    V17,
}
