using Rampart.Rules.LockIn.Criteria;
using Rampart.Rules.Tests.LockIn.Support;

namespace Rampart.Rules.Tests.LockIn.Criteria;

public sealed class TraceabilityCriterionTests
{
    private readonly TraceabilityCriterion _criterion = new();

    [Fact]
    public void Evaluate_NoLabels_Fails()
    {
        var result = _criterion.Evaluate(Families.Debian().Context());

        Assert.Equal(1, result.Score);
        Assert.Equal("No OCI traceability label.", result.Evidence);
    }

    [Fact]
    public void Evaluate_EveryKey_Passes()
    {
        var image = Families.Debian()
            .Label("org.opencontainers.image.base.digest", "sha256:" + new string('a', 64))
            .Label("org.opencontainers.image.base.name", "docker.io/library/debian:12")
            .Label("org.opencontainers.image.source", "https://github.com/example/app")
            .Label("org.opencontainers.image.revision", "0123456789abcdef")
            .Label("org.opencontainers.image.created", "2025-01-01T00:00:00Z")
            .Label("org.opencontainers.image.version", "1.0.0")
            .Label("org.opencontainers.image.vendor", "Example")
            .Label("org.opencontainers.image.licenses", "MIT");

        var result = _criterion.Evaluate(image.Context());

        Assert.Equal(0, result.Score, 6);
        Assert.Contains("missing: none", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_BaseNameAndDigest_WeighMostOfTheScore()
    {
        var image = Families.Debian()
            .Label("org.opencontainers.image.base.digest", "sha256:" + new string('a', 64))
            .Label("org.opencontainers.image.base.name", "docker.io/library/debian:12");

        Assert.Equal(0.55, _criterion.Evaluate(image.Context()).Score, 6);
    }

    [Fact]
    public void Evaluate_EmptyLabelValue_IsNotTraceability()
    {
        var image = Families.Debian().Label("org.opencontainers.image.source", " ");

        Assert.Equal(1, _criterion.Evaluate(image.Context()).Score);
    }
}
