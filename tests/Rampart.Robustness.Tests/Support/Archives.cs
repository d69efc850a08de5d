using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Rampart.Testing;
using ZstdSharp;

namespace Rampart.Robustness.Tests.Support;

/// <summary>Builds docker-archives around layer blobs given byte for byte, and the damaged variants the corpus needs.</summary>
internal static class Archives
{
    /// <summary>A legacy docker-archive whose config lists <paramref name="diffIds"/> (the real ones unless a test lies).</summary>
    public static byte[] Docker(IReadOnlyList<byte[]> blobs, IReadOnlyList<string>? diffIds = null, JsonObject? runtime = null, JsonArray? history = null)
    {
        var ids = diffIds ?? blobs.Select(DiffIdOf).ToList();
        var config = new JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["config"] = runtime ?? new JsonObject(),
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(ids.Select(i => (JsonNode)JsonValue.Create(i)).ToArray()) },
            ["history"] = history ?? new JsonArray(),
        };
        var configBytes = System.Text.Encoding.UTF8.GetBytes(config.ToJsonString());
        var configName = Hex(configBytes) + ".json";
        var names = blobs.Select((_, i) => $"layer{i}/layer.tar").ToList();
        var manifest = new JsonArray(new JsonObject
        {
            ["Config"] = configName,
            ["RepoTags"] = new JsonArray("hostile:1"),
            ["Layers"] = new JsonArray(names.Select(n => (JsonNode)JsonValue.Create(n)).ToArray()),
        });
        return Tar(w =>
        {
            for (var i = 0; i < blobs.Count; i++)
            {
                Add(w, names[i], blobs[i]);
            }

            Add(w, configName, configBytes);
            Add(w, "manifest.json", System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString()));
        });
    }

    /// <summary>A docker-archive of one layer holding <paramref name="tar"/> as written, stored with <paramref name="compression"/>.</summary>
    public static byte[] OneLayer(byte[] tar, TestCompression compression = TestCompression.None) =>
        Docker([Compress(tar, compression)], [ImageReadDiffId(tar)]);

    public static byte[] Compress(byte[] data, TestCompression compression, CompressionLevel gzipLevel = CompressionLevel.Fastest)
    {
        using var output = new MemoryStream();
        using (Stream compressor = compression switch
        {
            TestCompression.Gzip => new GZipStream(output, gzipLevel, leaveOpen: true),
            TestCompression.Zstd => new CompressionStream(output, level: 3, leaveOpen: true),
            _ => new MemoryStream(),
        })
        {
            if (compression == TestCompression.None)
            {
                return data;
            }

            compressor.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>Writes a tar through <see cref="TarWriter"/> (PAX format).</summary>
    public static byte[] Tar(Action<TarWriter> write)
    {
        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            write(writer);
        }

        return output.ToArray();
    }

    public static void Add(TarWriter writer, string name, byte[] content) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content, writable: false) });

    public static void Link(TarWriter writer, TarEntryType type, string name, string target) =>
        writer.WriteEntry(new PaxTarEntry(type, name) { LinkName = target });

    public static string DiffIdOf(byte[] blob) => ImageReadDiffId(blob);

    public static string ImageReadDiffId(byte[] tar) => "sha256:" + Hex(tar);

    public static byte[] Truncate(byte[] bytes, double fraction) => bytes[..(int)(bytes.Length * fraction)];

    /// <summary>Flips every bit of a run of bytes in the middle, leaving magic numbers and headers intact.</summary>
    public static byte[] Corrupt(byte[] bytes)
    {
        var copy = bytes.ToArray();
        var start = copy.Length / 2;
        for (var i = start; i < Math.Min(copy.Length, start + 64); i++)
        {
            copy[i] ^= 0xFF;
        }

        return copy;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
