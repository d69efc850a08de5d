namespace Rampart.Reporting.CycloneDx;

/// <summary>How a CycloneDX BOM is encoded.</summary>
public enum CycloneDxFormat
{
    Json,
    Xml,
}
