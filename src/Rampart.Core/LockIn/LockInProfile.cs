namespace Rampart.Core.LockIn;

/// <summary>One image as the fleet view sees it; also what a merged results file carries per image.</summary>
public sealed record LockInProfile(
    string Reference,
    ImageFamily Family,
    string Vendor,
    string Distro,
    Libc Libc,
    PackageDatabaseFormat PackageFormat,
    string DefaultUser,
    double Score);
