using System.Security.Cryptography;
using System.Text.Json;
using Rampart.Core.Files;
using Rampart.Core.Images;
using Rampart.Images.Layers;
using ZstdSharp;

namespace Rampart.Images;

/// <summary>
/// One image being read: the input named in every error, the selection of bytes to keep, and the limits its layers
/// share while they are read in parallel. Sources (archives, layouts, the engine, a registry) make one per image.
/// </summary>
public sealed class ImageReadSession
{
    private readonly ImageBudget _budget;

    public ImageReadSession(string reference, FileSelection selection, ImageReaderOptions options)
    {
        Reference = reference ?? throw new ArgumentNullException(nameof(reference));
        Selection = selection ?? throw new ArgumentNullException(nameof(selection));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _budget = new ImageBudget(options.Limits);
    }

    /// <summary>The input as the user gave it; every error starts with it.</summary>
    public string Reference { get; }

    public FileSelection Selection { get; }

    public ImageReaderOptions Options { get; }

    /// <summary>
    /// Reads one layer blob (gzip, zstd or plain tar, by magic) once, to its end, and reports its diffID and digest.
    /// The caller verifies them with <see cref="Verify"/> once it knows what to expect.
    /// </summary>
    /// <param name="blob">The blob as stored; read forward only, left open.</param>
    /// <param name="index">Layer position, base 0; use <see cref="LayerReadResult.ContentsAt"/> if it is known only later.</param>
    /// <param name="layerName">What the source calls the blob, for messages.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    public Task<LayerReadResult> ReadLayerAsync(Stream blob, int index, string layerName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(layerName);
        return LayerReader.ReadAsync(this, _budget, blob, index, layerName, cancellationToken);
    }

    /// <summary>Fails unless the layer hashes to the diffID the config lists, and to the digest and size the manifest lists where it lists them.</summary>
    public void Verify(LayerReadResult layer, string expectedDiffId, string? expectedDigest = null, long? expectedSize = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(expectedDiffId);
        if (!string.Equals(layer.DiffId, expectedDiffId, StringComparison.OrdinalIgnoreCase))
        {
            throw Error($"layer {layer.Name} hashes to diffID {layer.DiffId} but the config lists {expectedDiffId}; the layer is truncated or altered");
        }

        if (expectedDigest is not null && !string.Equals(layer.Digest, expectedDigest, StringComparison.OrdinalIgnoreCase))
        {
            throw Error($"layer {layer.Name} hashes to {layer.Digest} but the manifest lists {expectedDigest}; the blob is truncated or altered");
        }

        if (expectedSize is { } size && size != layer.StoredSize)
        {
            throw Error($"layer {layer.Name} is {layer.StoredSize} bytes but the manifest lists {size}");
        }
    }

    /// <summary>Reads a JSON document (manifest, index, config) whole, within <see cref="ReaderLimits.MaxMetadataBytes"/>; it must be valid UTF-8.</summary>
    public async Task<byte[]> ReadMetadataAsync(Stream stream, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var limit = Options.Limits.MaxMetadataBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw Error($"{what} is larger than {limit} bytes (limit MaxMetadataBytes)");
            }

            await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        // System.Text.Json reads invalid UTF-8 inside a string value without complaint, then throws
        // InvalidOperationException (not a JsonException) when the value is read: refuse such a document here.
        var bytes = buffer.ToArray();
        return System.Text.Unicode.Utf8.IsValid(bytes) ? bytes : throw Error($"{what} is not valid UTF-8 JSON");
    }

    /// <summary>An error naming this input.</summary>
    public ImageReadException Error(string message, Exception? inner = null) =>
        inner is null ? new ImageReadException($"{Reference}: {message}") : new ImageReadException($"{Reference}: {message}", inner);

    /// <summary>Reports a warning through <see cref="ImageReaderOptions.Progress"/>.</summary>
    public void Warn(string message) => Options.Progress?.Report($"warning: {Reference}: {message}");

    /// <summary>Decodes a <c>security.capability</c> value; one the kernel would refuse is left out with a warning naming <paramref name="where"/>.</summary>
    internal FileCapabilities? DecodeCapabilities(ReadOnlySpan<byte> value, string where)
    {
        var capabilities = FileCapabilities.Decode(value);
        if (capabilities is null)
        {
            Warn($"{where}: the {FileCapabilities.AttributeName} attribute is not a capability set the kernel would accept; it is left out");
        }

        return capabilities;
    }

    internal void Report(string message) => Options.Progress?.Report($"{Reference}: {message}");

    /// <summary><c>sha256:</c> and the lowercase hex sha256 of <paramref name="bytes"/>.</summary>
    public static string Sha256Digest(ReadOnlySpan<byte> bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Faults of the data or the IO under it, as opposed to bugs and cancellation: these become <see cref="ImageReadException"/>.</summary>
    internal static bool IsReadFault(Exception exception) => exception
        is IOException
        or InvalidDataException
        or FormatException
        or OverflowException
        or ZstdException
        or JsonException
        or UnauthorizedAccessException;
}
