using Rampart.Core.Dockerfiles;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class LatestTagRuleTests
{
    private static readonly LatestTagRule Rule = new();

    [Theory]
    [InlineData("FROM debian")]
    [InlineData("FROM debian:latest")]
    [InlineData("FROM --platform=linux/amd64 registry.local:5000/team/base AS base")]
    public void A_FROM_without_version_or_digest_is_reported_as_medium_on_its_line(string from)
    {
        var dockerfile = DockerfileParser.Parse($"# syntax=docker/dockerfile:1\n{from}\nRUN true\n");

        var finding = Assert.Single(ImageFixture.DebianBase().Evaluate(Rule, dockerfile));

        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal(2, finding.Dockerfile?.Line);
    }

    [Theory]
    [InlineData("FROM debian:12.7")]
    [InlineData("FROM debian@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("FROM debian:latest@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("FROM scratch")]
    [InlineData("FROM ${BASE}")]
    [InlineData("FROM registry.local:5000/base:1.0")]
    public void Pinned_scratch_and_variable_bases_pass(string from)
    {
        Assert.Empty(ImageFixture.DebianBase().Evaluate(Rule, DockerfileParser.Parse(from + "\n")));
    }

    [Fact]
    public void A_stage_built_from_an_earlier_stage_passes()
    {
        var dockerfile = DockerfileParser.Parse("FROM debian:12 AS base\nFROM base\nRUN true\n");

        Assert.Empty(ImageFixture.DebianBase().Evaluate(Rule, dockerfile));
    }

    [Theory]
    [InlineData("docker:app:latest")]
    [InlineData("registry:ghcr.io/org/app")]
    [InlineData("app")]
    public void A_scanned_reference_on_latest_is_reported_as_low(string reference)
    {
        var finding = Assert.Single(ImageFixture.DebianBase().Reference(reference).Evaluate(Rule));

        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Equal([new FindingLocation("reference", null)], finding.Locations);
    }

    [Theory]
    [InlineData("docker:app:1.4.2")]
    [InlineData("docker-archive:/tmp/app.tar")]
    [InlineData("oci-dir:./layout")]
    [InlineData("./image.tar")]
    [InlineData("registry:ghcr.io/org/app@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Tagged_references_and_files_pass(string reference)
    {
        Assert.Empty(ImageFixture.DebianBase().Reference(reference).Evaluate(Rule));
    }
}
