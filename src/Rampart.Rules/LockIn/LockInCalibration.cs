using Rampart.Core.Findings;
using Rampart.Core.LockIn;

namespace Rampart.Rules.LockIn;

/// <summary>
/// The images <see cref="LockInAssessment.ModerateFrom"/> and <see cref="LockInAssessment.HighFrom"/> were set on:
/// one test fixture per image family and the shipped Debian sample, each with the level a reviewer gives it. Tests
/// recompute every score and fail when one moves, so a change to a criterion or a weight reopens the calibration;
/// RULES.md renders the table.
/// </summary>
public static class LockInCalibration
{
    public static IReadOnlyList<CalibrationImage> Images { get; } =
    [
        new("Debian", "debian:12", 12.1, LockInLevel.Low, "community distribution, public archive, apt and a shell"),
        new("Ubuntu", "ubuntu:24.04", 17.7, LockInLevel.Low, "community distribution, public archive, apt and a shell"),
        new("Fedora", "fedora:40", 17.7, LockInLevel.Low, "community distribution, public repositories, dnf and a shell"),
        new("Static", "scratch with one static binary", 17.7, LockInLevel.Low, "no distribution to leave: rebuild from source anywhere"),
        new("tests/samples/debian-rootfs", "the shipped Debian sample", 17.7, LockInLevel.Low, "Debian packages with bash, apt, glibc and Debian's public archive; no OCI labels or build history"),
        new("RapidFort", "RapidFort curated Ubuntu", 22.0, LockInLevel.Low, "Ubuntu and its archive, one package rebuilt by the vendor"),
        new("Alpine", "alpine:3.20", 26.0, LockInLevel.Low, "community distribution; musl and the missing Alpine name list (RMP-L007 upper bound) raise it"),
        new("Bitnami", "bitnami/redis:7.4", 28.1, LockInLevel.Low, "Debian packages with apt; Bitnami's paths, scripts and user are conventions to redo"),
        new("Distroless", "gcr.io/distroless/base-debian12:nonroot", 29.9, LockInLevel.Low, "Debian's own packages, no tools; every package has a debian-slim counterpart"),
        new("Ubi", "ubi9/ubi-minimal:9.4", 32.9, LockInLevel.Low, "an OS vendor's freely redistributable base, public repositories, rpm and microdnf"),
        new("IronBank", "Iron Bank image on UBI 9", 32.9, LockInLevel.Low, "UBI with Iron Bank labels; the registry's login is not visible offline"),
        new("AmazonLinux", "amazonlinux:2023", 34.3, LockInLevel.Low, "an OS vendor's distribution, public repositories, rpm and dnf"),
        new("UbuntuChiseled", ".NET runtime-deps noble-chiseled", 35.2, LockInLevel.Low, "Ubuntu's packages cut by the open Chisel tool; every package has an ubuntu counterpart"),
        new("Photon", "photon:5.0", 38.0, LockInLevel.Low, "an OS vendor's distribution, public repositories, rpm and tdnf"),
        new("Wolfi", "cgr.dev/chainguard/glibc-dynamic", 44.9, LockInLevel.Moderate, "a vendor-built rolling distribution from one vendor's public repository"),
        new("DockerHardenedDebian", "dhi.io/python:3.13", 47.0, LockInLevel.Moderate, "ID=debian over Docker-rebuilt, Docker-named packages, no tools"),
        new("Minimus", "reg.mini.dev/nginx", 52.1, LockInLevel.High, "a vendor distribution id scanners do not know; the vendor is winding down"),
        new("ChainguardProduction", "cgr.dev/ORG/glibc-dynamic", 54.3, LockInLevel.High, "a vendor distribution id and the organisation's authenticated repository"),
        new("Echo", "echohq/python:3.13", 54.3, LockInLevel.High, "a vendor distribution id, an account-only registry, no tools"),
        new("AzureLinuxDistroless", ".NET runtime-deps azurelinux3.0-distroless", 54.3, LockInLevel.High, "a vendor distribution whose only inventory lists no files; no tools or repositories"),
    ];

    /// <summary>How far the nearest calibration image lies from a threshold, in score points.</summary>
    public static double Margin => Images.Min(i => Math.Min(Math.Abs(i.Score - LockInAssessment.ModerateFrom), Math.Abs(i.Score - LockInAssessment.HighFrom)));
}

/// <summary>One image the lock-in level thresholds were set on.</summary>
/// <param name="Fixture">The test fixture: a method of the Rules tests' <c>Families</c>, or a path in the repository.</param>
/// <param name="Image">What it stands for.</param>
/// <param name="Score">Its lock-in score under the default weights.</param>
/// <param name="Level">The level a reviewer gives it.</param>
/// <param name="Why">The reviewer's reason.</param>
public sealed record CalibrationImage(string Fixture, string Image, double Score, LockInLevel Level, string Why);
