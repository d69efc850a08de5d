using System.IO.Compression;
using System.Text;
using Rampart.Catalogers;
using Rampart.Core.Files;
using Rampart.Images;
using Rampart.Images.Layers;
using Rampart.Rules.Hardening;
using Rampart.Rules.LockIn;
using Rampart.Testing;
using ZstdSharp;

namespace Rampart.Benchmarks;

/// <summary>
/// The data every benchmark works on: uncompressed layer tars, real (<c>RAMPARTBENCH_LAYERS</c>, colon-separated,
/// lowest layer first, as tests/benchmark/run.sh passes the Debian application image's layers) or generated here in
/// the shape of a Debian image (a few hundred packages' files, a dpkg status database, Python and npm packages).
/// </summary>
public static class BenchData
{
    public const string LayersVariable = "RAMPARTBENCH_LAYERS";

    private static readonly Lazy<IReadOnlyList<byte[]>> LazyLayers = new(LoadLayers);

    /// <summary>The uncompressed layer tars, lowest first.</summary>
    public static IReadOnlyList<byte[]> Layers => LazyLayers.Value;

    /// <summary>Where the layers came from, for the report.</summary>
    public static string Source => Environment.GetEnvironmentVariable(LayersVariable) is { Length: > 0 } paths ? paths : "generated";

    /// <summary>The selection a scan uses: every cataloger's, hardening rule's and lock-in criterion's globs, and the catalogers' inspectors.</summary>
    public static FileSelection ScanSelection { get; } = new(
        DefaultCatalogers.ContentGlobs
            .Concat(HardeningRules.All.SelectMany(r => r.ContentGlobs))
            .Concat(LockInCriteria.All.SelectMany(c => c.ContentGlobs)),
        inspectors: DefaultCatalogers.Inspectors);

    public static byte[] Compress(byte[] tar, LayerCompression compression)
    {
        using var output = new MemoryStream();
        using (var compressed = compression switch
        {
            LayerCompression.Gzip => (Stream)new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true),
            LayerCompression.Zstd => new CompressionStream(output, level: 3, leaveOpen: true),
            _ => new MemoryStream(),
        })
        {
            if (compression == LayerCompression.None)
            {
                return tar;
            }

            compressed.Write(tar);
        }

        return output.ToArray();
    }

    /// <summary>Reads one layer the way a scan does: one pass, digests, selected bytes kept.</summary>
    public static async Task<LayerReadResult> ReadLayerAsync(byte[] blob, int index, FileSelection selection)
    {
        var session = new ImageReadSession("benchmark", selection, ImageReaderOptions.Default);
        using var stream = new MemoryStream(blob, writable: false);
        return await session.ReadLayerAsync(stream, index, "layer" + index, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Every path of every layer, as the reader normalises them.</summary>
    public static async Task<IReadOnlyList<(string Path, long Size)>> RegularFilesAsync()
    {
        var files = new List<(string, long)>();
        for (var i = 0; i < Layers.Count; i++)
        {
            var contents = (await ReadLayerAsync(Layers[i], i, FileSelection.HeadersOnly).ConfigureAwait(false)).Contents;
            files.AddRange(contents.Entries.Values.Where(e => e.Kind == FileKind.Regular).Select(e => (e.Path, e.Size)));
        }

        return files;
    }

    /// <summary>The text of the uppermost <c>var/lib/dpkg/status</c> in the layers.</summary>
    public static async Task<string> DpkgStatusAsync()
    {
        var selection = new FileSelection(["/var/lib/dpkg/status"]);
        for (var i = Layers.Count - 1; i >= 0; i--)
        {
            var contents = (await ReadLayerAsync(Layers[i], i, selection).ConfigureAwait(false)).Contents;
            if (contents.Contents.TryGetValue("/var/lib/dpkg/status", out var status))
            {
                return Encoding.UTF8.GetString(status.Span);
            }
        }

        throw new InvalidOperationException("no layer has /var/lib/dpkg/status");
    }

    private static List<byte[]> LoadLayers()
    {
        if (Environment.GetEnvironmentVariable(LayersVariable) is { Length: > 0 } paths)
        {
            return paths.Split(':', StringSplitOptions.RemoveEmptyEntries).Select(File.ReadAllBytes).ToList();
        }

        return [GeneratedBase().ToTar(), GeneratedApplication().ToTar()];
    }

    // A Debian-like base: 400 packages with binaries, libraries, docs, man pages and dpkg bookkeeping.
    private static TestLayer GeneratedBase()
    {
        var layer = new TestLayer();
        var status = new StringBuilder();
        var random = new Random(11);
        foreach (var dir in new[] { "bin", "etc", "usr", "usr/bin", "usr/lib", "usr/lib/x86_64-linux-gnu", "usr/share", "usr/share/doc", "usr/share/man", "usr/share/man/man1", "var", "var/lib", "var/lib/dpkg", "var/lib/dpkg/info" })
        {
            layer.Directory(dir);
        }

        layer.File("etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n");
        layer.File("etc/passwd", "root:x:0:0:root:/root:/bin/bash\n");
        for (var p = 0; p < 400; p++)
        {
            var name = $"pkg{p}";
            layer.Directory($"usr/share/doc/{name}");
            layer.File($"usr/share/doc/{name}/copyright", Text(random, 2_000, "License: GPL-2+\n"));
            layer.File($"usr/share/doc/{name}/changelog.Debian.gz", Bytes(random, 1_500));
            layer.File($"usr/bin/{name}", Bytes(random, 40_000), TestLayer.FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            for (var l = 0; l < 8; l++)
            {
                layer.File($"usr/lib/x86_64-linux-gnu/lib{name}-{l}.so.1", Bytes(random, 60_000));
            }

            for (var m = 0; m < 10; m++)
            {
                layer.File($"usr/share/man/man1/{name}-{m}.1.gz", Bytes(random, 2_000));
            }

            layer.File($"var/lib/dpkg/info/{name}.list", Text(random, 800, $"/usr/bin/{name}\n"));
            layer.File($"var/lib/dpkg/info/{name}.md5sums", Text(random, 900, "d41d8cd98f00b204e9800998ecf8427e  usr/bin/x\n"));
            status.Append(CultureInvariant($"Package: {name}\nStatus: install ok installed\nPriority: optional\nSection: utils\nInstalled-Size: {100 + p}\n"))
                .Append("Maintainer: Debian Developers <debian-devel@lists.debian.org>\nArchitecture: amd64\n")
                .Append(CultureInvariant($"Source: src{p / 2}\nVersion: 1.{p}.0-1\nDepends: libc6 (>= 2.34), pkg{(p + 1) % 400} (>= 1.0)\n"))
                .Append(CultureInvariant($"Description: package number {p}\n a generated package for the benchmark\n .\n it has a long description\n\n"));
        }

        layer.File("var/lib/dpkg/status", status.ToString());
        return layer;
    }

    // An application layer: Python distributions and an npm tree.
    private static TestLayer GeneratedApplication()
    {
        var layer = new TestLayer();
        var random = new Random(12);
        for (var p = 0; p < 100; p++)
        {
            var dist = $"usr/lib/python3/dist-packages/mod{p}";
            layer.File($"{dist}/__init__.py", Text(random, 3_000, "import os\n"));
            layer.File($"{dist}/core.py", Text(random, 20_000, "def f():\n    return 1\n"));
            layer.File($"usr/lib/python3/dist-packages/mod{p}-1.{p}.dist-info/METADATA", $"Metadata-Version: 2.1\nName: mod{p}\nVersion: 1.{p}\nLicense: MIT\n");
            layer.File($"usr/lib/python3/dist-packages/mod{p}-1.{p}.dist-info/RECORD", Text(random, 1_000, "mod/core.py,,\n"));
        }

        for (var p = 0; p < 300; p++)
        {
            var module = $"srv/app/node_modules/npm{p}";
            layer.File($"{module}/package.json", $"{{\"name\":\"npm{p}\",\"version\":\"2.{p}.0\",\"license\":\"MIT\"}}");
            layer.File($"{module}/README.md", Text(random, 4_000, "# readme\n"));
            for (var f = 0; f < 10; f++)
            {
                layer.File($"{module}/lib/file{f}.js", Text(random, 6_000, "module.exports = function () { return 42; };\n"));
            }
        }

        return layer;
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    private static string Text(Random random, int size, string line)
    {
        var builder = new StringBuilder(size + line.Length);
        while (builder.Length < size)
        {
            builder.Append(line).Append(random.Next()).Append('\n');
        }

        return builder.ToString();
    }

    private static byte[] Bytes(Random random, int size)
    {
        // Half random, half zeros: compresses about as well as binaries do.
        var bytes = new byte[size];
        random.NextBytes(bytes.AsSpan(0, size / 2));
        return bytes;
    }
}
