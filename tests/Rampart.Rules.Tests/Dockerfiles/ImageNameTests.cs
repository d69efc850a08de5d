using Rampart.Core.Dockerfiles;

namespace Rampart.Rules.Tests.Dockerfiles;

public sealed class ImageNameTests
{
    [Theory]
    [InlineData("debian", "debian", null, null)]
    [InlineData("debian:12", "debian", "12", null)]
    [InlineData("localhost:5000/team/app", "localhost:5000/team/app", null, null)]
    [InlineData("localhost:5000/team/app:1.0@sha256:ab", "localhost:5000/team/app", "1.0", "sha256:ab")]
    public void Splits_repository_tag_and_digest(string reference, string repository, string? tag, string? digest)
    {
        Assert.Equal(new ImageName(repository, tag, digest), ImageName.Parse(reference));
    }
}
