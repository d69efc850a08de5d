using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Rampart.Robustness.Tests.Support;
using Rampart.Testing;

namespace Rampart.Robustness.Tests;

/// <summary>How a hostile input must end: refused with exit code 3 naming the input, or scanned to the end.</summary>
internal enum Outcome
{
    Refused,
    Scanned,
}

/// <summary>One hostile or malformed image: how to write it, how the scan must end, what the message or results must say.</summary>
/// <param name="Name">Names the case in test output.</param>
/// <param name="Write">Writes the input into a fresh directory and returns the image argument (with its scheme).</param>
/// <param name="Outcome">Refused or scanned.</param>
/// <param name="Says">Fragments the error must contain (Refused) — besides the input's path, always required.</param>
/// <param name="Check">For a scanned image, a check over the results JSON.</param>
/// <param name="Policy">A policy file (YAML) passed with --config, for cases about configured limits.</param>
internal sealed record HostileImage(
    string Name,
    Func<string, string> Write,
    Outcome Outcome,
    string[]? Says = null,
    Action<JsonNode>? Check = null,
    string? Policy = null);

/// <summary>The corpus of hostile images, written in code at test time: no binary blobs in the repository.</summary>
internal static class HostileImages
{
    private static readonly byte[] Passwd = "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n"u8.ToArray();

    public static IReadOnlyList<HostileImage> All { get; } = Build();

    public static HostileImage Named(string name) => All.Single(c => c.Name == name);

    /// <summary>A small well-formed layer, the base most damaged variants start from.</summary>
    public static byte[] NormalTar() => new TestLayer()
        .File("/etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n")
        .File("/etc/passwd", Passwd)
        .File("/lib/apk/db/installed", "P:musl\nV:1.2.5-r0\nA:x86_64\nL:MIT\n\n")
        .File("/usr/share/filler", new byte[40_000])
        .File("/usr/share/random", RandomBytes(40_000))
        .ToTar();

    public static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    private static List<HostileImage> Build()
    {
        var cases = new List<HostileImage>();

        // Outer archives: truncated, corrupt, not archives at all.
        cases.Add(Refused("archive-truncated-plain", dir => File(dir, Archives.Truncate(Archives.OneLayer(NormalTar()), 0.6))));
        cases.Add(Refused("archive-truncated-gzip", dir => File(dir, Archives.Truncate(Archives.Compress(Archives.OneLayer(NormalTar()), TestCompression.Gzip), 0.6))));
        cases.Add(Refused("archive-truncated-zstd", dir => File(dir, Archives.Truncate(Archives.Compress(Archives.OneLayer(NormalTar()), TestCompression.Zstd), 0.6))));
        cases.Add(Refused("archive-corrupt-gzip", dir => File(dir, Archives.Corrupt(Archives.Compress(Archives.OneLayer(NormalTar()), TestCompression.Gzip)))));
        cases.Add(Refused("archive-corrupt-zstd", dir => File(dir, Archives.Corrupt(Archives.Compress(Archives.OneLayer(NormalTar()), TestCompression.Zstd)))));
        cases.Add(Refused("archive-empty-file", dir => File(dir, [])));
        cases.Add(Refused("archive-random-bytes", dir => File(dir, RandomBytes(100_000))));
        cases.Add(Refused("archive-text-file", dir => File(dir, Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("FROM scratch\n", 100))))));
        cases.Add(Refused("archive-only-end-blocks", dir => File(dir, new byte[10240]), "manifest.json"));
        cases.Add(Refused("archive-gzip-magic-then-garbage", dir => File(dir, [0x1f, 0x8b, 0x08, 0x00, .. RandomBytes(5000)])));
        cases.Add(Refused("archive-bad-header-checksum", dir => File(dir, new RawTar().Entry("manifest.json", '0', "[]"u8.ToArray(), breakChecksum: true).ToArray())));
        cases.Add(Refused("archive-size-field-beyond-data", dir => File(dir, new RawTar().Entry("manifest.json", '0', "[]"u8.ToArray(), sizeField: "77777777777").ToArray(end: false))));
        cases.Add(Refused("archive-size-field-not-octal", dir => File(dir, new RawTar().Entry("manifest.json", '0', "[]"u8.ToArray(), sizeField: "zz9zz").ToArray())));

        // Outer archives: manifest and config that parse badly or lie.
        cases.Add(Refused("manifest-not-json", dir => File(dir, Archives.Tar(w => Archives.Add(w, "manifest.json", "not json at all {"u8.ToArray())))));
        cases.Add(Refused("manifest-wrong-types", dir => File(dir, Archives.Tar(w => Archives.Add(w, "manifest.json", """{"Config": 5, "Layers": "x"}"""u8.ToArray())))));
        cases.Add(Refused("manifest-empty-array", dir => File(dir, Archives.Tar(w => Archives.Add(w, "manifest.json", "[]"u8.ToArray())))));
        cases.Add(Refused("manifest-over-metadata-limit", dir => File(dir, Archives.Tar(w => Archives.Add(w, "manifest.json", HugeJson(17 * 1024 * 1024)))), "MaxMetadataBytes"));
        cases.Add(Refused("manifest-names-missing-config", dir => File(dir, Archives.Tar(w => Archives.Add(w, "manifest.json", """[{"Config":"nope.json","Layers":[]}]"""u8.ToArray()))), "nope.json"));
        cases.Add(Refused("config-deeply-nested-json", dir => File(dir, ArchiveWithConfig(Encoding.UTF8.GetBytes(new string('[', 100_000) + new string(']', 100_000))))));
        cases.Add(Refused("config-wrong-types", dir => File(dir, ArchiveWithConfig("""{"rootfs": {"diff_ids": 7}, "config": [], "history": "x"}"""u8.ToArray()))));
        cases.Add(Refused("manifest-invalid-utf8-in-a-string", dir => File(dir, Archives.Tar(w => Archives.Add(w, "manifest.json", [.. "[{\"Config\":\"c"u8, 0xc5, .. ".json\",\"Layers\":[]}]"u8]))), "UTF-8"));
        cases.Add(Refused("oci-index-invalid-utf8", dir => OciDir(dir, "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"\u00c5\",\"digest\":\"sha256:x\",\"size\":1}]}", [0xc5]), "UTF-8"));
        cases.Add(Refused("config-lists-other-diffid", dir => File(dir, Archives.Docker([NormalTar()], ["sha256:" + new string('0', 64)])), "diffID"));
        cases.Add(Refused("config-lists-more-layers", dir => File(dir, Archives.Docker([NormalTar()], [Archives.DiffIdOf(NormalTar()), Archives.DiffIdOf(NormalTar())])), "diffIDs"));
        cases.Add(Refused("archive-entry-climbs-above-root", dir => File(dir, Archives.Tar(w => Archives.Add(w, "../../escape/manifest.json", "[]"u8.ToArray()))), "climbs above"));
        cases.Add(Refused("archive-layer-symlink-loop", dir => File(dir, LinkedLayerArchive(w =>
        {
            Archives.Link(w, TarEntryType.SymbolicLink, "layer0/layer.tar", "../loop/a");
            Archives.Link(w, TarEntryType.SymbolicLink, "loop/a", "../layer0/layer.tar");
        }))));
        cases.Add(Refused("archive-layer-symlink-to-host", dir => File(dir, LinkedLayerArchive(w =>
            Archives.Link(w, TarEntryType.SymbolicLink, "layer0/layer.tar", "../../../../../../etc/passwd")))));
        cases.Add(Scanned("archive-duplicate-manifest-last-wins", dir => File(dir, DuplicateManifestArchive())));

        // Layers: every compression broken mid-stream, corrupt, or a bomb.
        foreach (var compression in new[] { TestCompression.None, TestCompression.Gzip, TestCompression.Zstd })
        {
            var label = compression.ToString().ToLowerInvariant();
            cases.Add(Refused($"layer-truncated-{label}", dir => File(dir, Archives.Docker([Archives.Truncate(Archives.Compress(NormalTar(), compression), 0.5)], [Archives.DiffIdOf(NormalTar())])), "layer"));
            cases.Add(Refused($"layer-corrupt-{label}", dir => File(dir, Archives.Docker([Archives.Corrupt(Archives.Compress(NormalTar(), compression))], [Archives.DiffIdOf(NormalTar())])), "layer"));
        }

        cases.Add(Refused("layer-gzip-ratio-bomb", dir => File(dir, Archives.Docker([Bomb(TestCompression.Gzip)], ["sha256:" + new string('1', 64)])), "MaxExpansionRatio"));
        cases.Add(Refused("layer-zstd-ratio-bomb", dir => File(dir, Archives.Docker([Bomb(TestCompression.Zstd)], ["sha256:" + new string('2', 64)])), "MaxExpansionRatio"));
        cases.Add(Refused("archive-gzip-wrapping-a-layer-bomb", dir => File(dir, Archives.Compress(Archives.Docker([Bomb(TestCompression.Zstd)], ["sha256:" + new string('3', 64)]), TestCompression.Gzip)), "MaxExpansionRatio"));
        cases.Add(Refused(
            "layers-together-over-configured-total",
            dir => File(dir, Archives.Docker(Enumerable.Range(0, 4).Select(i => new TestLayer().File($"/data{i}", new byte[600_000]).ToTar()).ToList())),
            "MaxImageBytes") with { Policy = "limits:\n  maxImageBytes: 2000000\n" });

        // Layers: entries that try to leave the image or lie about themselves.
        cases.Add(Refused("layer-dotdot-entry", dir => File(dir, Archives.OneLayer(new TestLayer().Raw(TarEntryType.RegularFile, "../../../etc/cron.d/evil", "x"u8.ToArray()).ToTar())), "climbs above the image root"));
        cases.Add(Refused("layer-absolute-dotdot-entry", dir => File(dir, Archives.OneLayer(new TestLayer().Raw(TarEntryType.RegularFile, "/usr/../../../root/.ssh/authorized_keys", "x"u8.ToArray()).ToTar())), "climbs above the image root"));
        cases.Add(Refused("layer-hardlink-escape", dir => File(dir, Archives.OneLayer(new TestLayer().Raw(TarEntryType.HardLink, "etc/shadow", linkName: "../../../../etc/shadow").ToTar())), "above the image root"));
        cases.Add(Refused("layer-dot-whiteout", dir => File(dir, Archives.OneLayer(new TestLayer().Raw(TarEntryType.RegularFile, "etc/.wh..", []).ToTar())), "whiteout"));
        cases.Add(Refused("layer-path-longer-than-limit", dir => File(dir, Archives.OneLayer(new TestLayer().Raw(TarEntryType.RegularFile, string.Join('/', Enumerable.Repeat("deep", 2000)), "x"u8.ToArray()).ToTar())), "4096"));
        cases.Add(Refused("layer-symlink-target-longer-than-limit", dir => File(dir, Archives.OneLayer(new TestLayer().Symlink("/etc/link", new string('a', 70_000)).ToTar())), "link target"));
        cases.Add(Refused("layer-pax-giant-path-record", dir => File(dir, Archives.OneLayer(new RawTar().Pax([("path", new string('p', 3_000_000))], "short", "x"u8.ToArray()).ToArray())), "over the limit"));
        cases.Add(Refused("layer-pax-header-claims-a-gibibyte", dir => File(dir, Archives.OneLayer(new RawTar().Entry("PaxHeaders/x", 'x', sizeField: "7777777777").ToArray(end: false))), "MaxMetadataBytes"));
        cases.Add(Refused("layer-gnu-longname-claims-a-gibibyte", dir => File(dir, Archives.OneLayer(new RawTar().Entry("././@LongLink", 'L', sizeField: "7777777777").ToArray(end: false))), "MaxMetadataBytes"));
        cases.Add(Refused("layer-pax-size-record-hides-a-giant-longname", dir => File(dir, Archives.OneLayer(new RawTar()
            .Pax([("size", "1024")], "etc/hidden", new byte[1024], sizeField: "0")
            .Entry("././@LongLink", 'L', sizeField: "7777777777").ToArray(end: false))), "MaxMetadataBytes"));
        cases.Add(Refused("archive-pax-header-claims-a-gibibyte", dir => File(dir, new RawTar().Entry("PaxHeaders/manifest.json", 'x', sizeField: "7777777777").ToArray(end: false)), "MaxMetadataBytes"));
        cases.Add(Refused("archive-gzip-pax-header-claims-a-gibibyte", dir => File(dir, Archives.Compress(new RawTar().Entry("././@LongLink", 'L', sizeField: "7777777777").ToArray(end: false), TestCompression.Gzip)), "MaxMetadataBytes"));
        cases.Add(Refused("layer-unknown-entry-type", dir => File(dir, Archives.OneLayer(new RawTar().Entry("etc/volume", 'V', "x"u8.ToArray()).ToArray())), "layer"));
        cases.Add(Refused("layer-size-field-beyond-data", dir => File(dir, Archives.OneLayer(new RawTar().Entry("etc/passwd", '0', Passwd, sizeField: "7777777").ToArray(end: false))), "layer"));
        cases.Add(Refused(
            "layer-entries-over-configured-limit",
            dir => File(dir, Archives.OneLayer(ManyFiles(500))),
            "MaxEntries") with { Policy = "limits:\n  maxEntries: 100\n" });

        cases.Add(Scanned("layer-absolute-names-are-kept-inside", dir => File(dir, Archives.OneLayer(new TestLayer()
            .Raw(TarEntryType.RegularFile, "/etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n"u8.ToArray())
            .Raw(TarEntryType.RegularFile, "/etc/passwd", Passwd).ToTar())), results => Assert.Equal("alpine", (string?)results["images"]![0]!["os"]!["id"])));
        cases.Add(Scanned("layer-symlink-out-of-root-stays-inside", dir => File(dir, Archives.OneLayer(new TestLayer()
            .Symlink("/etc/os-release", "../../../../../../../../etc/os-release").ToTar())), OsUnknown));
        cases.Add(Scanned("layer-symlink-loop", dir => File(dir, Archives.OneLayer(new TestLayer()
            .Symlink("/etc/os-release", "/etc/a").Symlink("/etc/a", "/etc/b").Symlink("/etc/b", "/etc/os-release")
            .Symlink("/usr/lib/os-release", "os-release").ToTar())), OsUnknown));
        cases.Add(Scanned("layer-directory-symlink-loop", dir => File(dir, Archives.OneLayer(new TestLayer()
            .Symlink("/etc", "/etc/etc").File("/usr/lib/os-release", "ID=alpine\n").ToTar()))));
        cases.Add(Scanned("layer-hardlink-to-missing-target", dir => File(dir, Archives.OneLayer(new TestLayer()
            .Raw(TarEntryType.HardLink, "etc/passwd", linkName: "etc/nowhere").ToTar()))));
        cases.Add(Scanned("layer-duplicate-entries-last-wins", dir => File(dir, Archives.OneLayer(new TestLayer()
            .File("/etc/os-release", "ID=debian\n").File("/etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n").ToTar())),
            results => Assert.Equal("alpine", (string?)results["images"]![0]!["os"]!["id"])));
        cases.Add(Scanned("layer-invalid-utf8-names", dir => File(dir, Archives.OneLayer(new RawTar()
            .Entry([0x65, 0x74, 0x63, 0x2f, 0xff, 0xfe, 0xc3, 0x28], '0', "x"u8.ToArray())
            .Entry([0x65, 0x74, 0x63, 0x2f, 0xed, 0xa0, 0x80], '0', "y"u8.ToArray()).ToArray()))));
        cases.Add(Scanned("layer-control-characters-in-names", dir => File(dir, Archives.OneLayer(new TestLayer()
            .File("/etc/\u001b[31mred\u001b[0m", "x").File("/etc/tab\there", "z").File("/etc/bell\u0007", "b").ToTar()))));

        // System.Formats.Tar rejects a PAX path record holding a newline (POSIX allows it): refused, clearly, rather than misread.
        cases.Add(Refused("layer-newline-in-name", dir => File(dir, Archives.OneLayer(new TestLayer().File("/etc/new\nline", "y").ToTar())), "corrupt or truncated"));
        cases.Add(Scanned("layer-empty-blob", dir => File(dir, Archives.Docker([[]]))));
        cases.Add(Scanned("layer-devices-and-fifos", dir => File(dir, Archives.OneLayer(new TestLayer()
            .BlockDevice("/dev/sda", 8, 0).CharacterDevice("/dev/mem", 1, 1).Fifo("/run/fifo").ToTar()))));

        // OCI layouts that point outside themselves or at nothing.
        cases.Add(Refused("oci-digest-path-traversal", dir => OciDir(dir, """{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:../../../../etc/passwd","size":10}]}""")));
        cases.Add(Refused("oci-unknown-digest-algorithm", dir => OciDir(dir, """{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"md5:/etc/passwd","size":10}]}""")));
        cases.Add(Refused("oci-index-not-json", dir => OciDir(dir, "{{{{")));
        cases.Add(Refused("oci-index-chain-fifty-deep", dir => OciIndexChain(dir)));
        return cases;
    }

    private static HostileImage Refused(string name, Func<string, string> write, params string[] says) => new(name, write, Outcome.Refused, says);

    private static HostileImage Scanned(string name, Func<string, string> write, Action<JsonNode>? check = null) => new(name, write, Outcome.Scanned, Check: check);

    private static void OsUnknown(JsonNode results) => Assert.Null(results["images"]![0]!["os"]?["id"]);

    private static string File(string directory, byte[] bytes)
    {
        var path = Path.Combine(directory, "image.tar");
        System.IO.File.WriteAllBytes(path, bytes);
        return "docker-archive:" + path;
    }

    private static byte[] HugeJson(int size)
    {
        var bytes = new byte[size];
        Array.Fill(bytes, (byte)' ');
        bytes[0] = (byte)'[';
        bytes[^1] = (byte)']';
        return bytes;
    }

    private static byte[] ArchiveWithConfig(byte[] config) => Archives.Tar(w =>
    {
        Archives.Add(w, "config.json", config);
        Archives.Add(w, "manifest.json", """[{"Config":"config.json","Layers":[]}]"""u8.ToArray());
    });

    private static byte[] LinkedLayerArchive(Action<TarWriter> links)
    {
        var config = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(Archives.DiffIdOf(NormalTar())) },
        }.ToJsonString());
        return Archives.Tar(w =>
        {
            links(w);
            Archives.Add(w, "config.json", config);
            Archives.Add(w, "manifest.json", """[{"Config":"config.json","Layers":["layer0/layer.tar"]}]"""u8.ToArray());
        });
    }

    private static byte[] DuplicateManifestArchive()
    {
        var good = Archives.Docker([NormalTar()]);
        return Archives.Tar(w =>
        {
            Archives.Add(w, "manifest.json", """[{"Config":"missing.json","Layers":["missing.tar"]}]"""u8.ToArray());
            using var reader = new TarReader(new MemoryStream(good));
            while (reader.GetNextEntry(copyData: true) is { } entry)
            {
                w.WriteEntry(entry);
            }
        });
    }

    /// <summary>A layer of 128 MiB of zeros, stored in well under a MiB: far beyond the 1000:1 the reader allows.</summary>
    private static byte[] Bomb(TestCompression compression)
    {
        using var output = new MemoryStream();
        using (Stream compressor = compression == TestCompression.Gzip
            ? new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true)
            : new ZstdSharp.CompressionStream(output, level: 3, leaveOpen: true))
        {
            new TestLayer().ZeroFile("/zeros", 128L * 1024 * 1024).WriteTar(compressor);
        }

        return output.ToArray();
    }

    private static byte[] ManyFiles(int count)
    {
        var layer = new TestLayer();
        for (var i = 0; i < count; i++)
        {
            layer.File($"/many/{i}", "x");
        }

        return layer.ToTar();
    }

    private static string OciDir(string directory, string index, byte[]? inject = null)
    {
        var layout = Path.Combine(directory, "layout");
        Directory.CreateDirectory(Path.Combine(layout, "blobs", "sha256"));
        System.IO.File.WriteAllText(Path.Combine(layout, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        var bytes = Encoding.UTF8.GetBytes(index);
        if (inject is not null)
        {
            // Raw bytes in place of the first non-ASCII character: invalid UTF-8 inside a JSON string.
            var at = Array.IndexOf(bytes, (byte)0xc3);
            bytes = [.. bytes[..at], .. inject, .. bytes[(at + 2)..]];
        }

        System.IO.File.WriteAllBytes(Path.Combine(layout, "index.json"), bytes);
        return "oci-dir:" + layout;
    }

    private static string OciIndexChain(string directory)
    {
        // An index cannot list itself (its digest would have to contain itself), but it can list an index that lists an index...
        // fifty deep, far beyond any real image, each level a real blob the reader has to fetch.
        var layout = Path.Combine(directory, "layout");
        var blobs = Path.Combine(layout, "blobs", "sha256");
        Directory.CreateDirectory(blobs);
        System.IO.File.WriteAllText(Path.Combine(layout, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        var inner = """{"schemaVersion":2,"manifests":[]}""";
        for (var depth = 0; depth < 50; depth++)
        {
            var bytes = Encoding.UTF8.GetBytes(inner);
            var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            System.IO.File.WriteAllBytes(Path.Combine(blobs, digest), bytes);
            inner = $$"""{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"sha256:{{digest}}","size":{{bytes.Length}}}]}""";
        }

        System.IO.File.WriteAllText(Path.Combine(layout, "index.json"), inner);
        return "oci-dir:" + layout;
    }
}
