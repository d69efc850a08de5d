using Rampart.Testing;

namespace Rampart.Catalogers.Tests.Support;

/// <summary>The tests that read <see cref="JavaArchives"/>, which are built once for all of them.</summary>
[CollectionDefinition(Name)]
public sealed class JavaArchivesFixture : ICollectionFixture<JavaArchives>
{
    public const string Name = "java-archives";
}
