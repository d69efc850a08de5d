namespace Rampart.Testing;

/// <summary>A built layer: its tar, its stored blob, and their digests.</summary>
/// <param name="Tar">The uncompressed tar.</param>
/// <param name="Blob">The blob as stored (compressed or not).</param>
/// <param name="DiffId">sha256 of <paramref name="Tar"/>.</param>
/// <param name="Digest">sha256 of <paramref name="Blob"/>.</param>
/// <param name="MediaType">Media type written in manifests.</param>
/// <param name="Compression">How <paramref name="Blob"/> is compressed.</param>
public sealed record TestImageLayer(byte[] Tar, byte[] Blob, string DiffId, string Digest, string MediaType, TestCompression Compression);
