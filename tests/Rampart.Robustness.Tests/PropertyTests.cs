using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Rampart.Core.Files;
using Rampart.Core.Images;
using Rampart.Core.Packages;
using Rampart.Images;
using Rampart.Images.Archives;
using Rampart.Robustness.Tests.Support;
using Rampart.Testing;

namespace Rampart.Robustness.Tests;

/// <summary>
/// Properties checked by FsCheck over generated inputs. Test counts are bounded (MaxTest) so that the whole project stays
/// around a minute on a loaded 2-core machine; the generators are small, so counts, not time, bound each property.
/// </summary>
public sealed class PropertyTests
{
    private static readonly FileSelection Selection = new(["/etc/*", "/lib/apk/db/installed"]);

    private static readonly Lazy<byte[]> SmallTar = new(() => new Rampart.Testing.TestLayer()
        .File("/etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n")
        .File("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n")
        .Symlink("/etc/link", "passwd")
        .HardLink("/etc/hard", "/etc/passwd")
        .Directory("/var/empty")
        .ToTar());

    private static readonly Lazy<byte[]> SmallArchive = new(() => Archives.OneLayer(SmallTar.Value, TestCompression.Gzip));

    public static Arbitrary<byte[]> ParserInputs() => Arb.From(Gen.OneOf(
        ArbMap.Default.GeneratorFor<byte[]>(),
        ArbMap.Default.GeneratorFor<string>().Where(s => s is not null).Select(s => Encoding.UTF8.GetBytes(s)),
        Gen.Elements(ParserCorpusTests.Corpus().Where(c => c.Name is not "random-bytes").Select(c => c.Bytes()).Where(b => b.Length < 4096).ToArray())
            .SelectMany(seed => Gen.Choose(0, Math.Max(0, seed.Length - 1)).Select(cut => seed[..cut])),
        Gen.Elements(Structured).SelectMany(seed => Mutations(Encoding.UTF8.GetBytes(seed)))));

    public static Arbitrary<MutationPlan> Plans() => Arb.From(
        Gen.Choose(0, 1 << 20).SelectMany(seed =>
            Gen.Choose(0, int.MaxValue).SelectMany(position => ArbMap.Default.GeneratorFor<byte>().Select(value => (position, value))).ArrayOf()
                .Select(flips => flips.Take(8).ToArray())
                .SelectMany(flips => Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(0, 999).Select(c => (int?)c))
                    .Select(cut => new MutationPlan(seed, flips, cut)))),
        plan => plan.Flips.Length == 0 ? [] : [plan with { Flips = plan.Flips[1..] }, plan with { Flips = plan.Flips[..^1] }, plan with { CutPermille = null }]);

    [Property(MaxTest = 150, Arbitrary = [typeof(PropertyTests)])]
    public void Parsers_ArbitraryBytes_NeverThrow(byte[] input)
    {
        foreach (var (name, parse) in Parsers.All)
        {
            try
            {
                parse(input, _ => { });
            }
            catch (Exception e)
            {
                Assert.Fail($"{name} threw {e.GetType().Name}: {e.Message}\ninput (base64): {Convert.ToBase64String(input)}");
            }
        }
    }

    [Property(MaxTest = 300)]
    public bool ImagePath_Normalize_IsIdempotentAndStaysAbsolute(NonNull<string> name)
    {
        var once = ImagePath.Normalize(name.Get);
        return once is null || (once.StartsWith('/') && ImagePath.Normalize(once) == once && !once.Split('/').Any(s => s is "." or ".."));
    }

    [Property(MaxTest = 300)]
    public bool ImagePath_Combine_NeverLeavesTheRoot(NonNull<string> directory, NonNull<string> relative)
    {
        var combined = ImagePath.Combine(ImagePath.Normalize(directory.Get) ?? "/", relative.Get);
        return combined.StartsWith('/') && !combined.Split('/').Any(s => s is "." or "..") && ImagePath.Normalize(combined) == combined;
    }

    [Property(MaxTest = 300)]
    public void PackageUrl_Components_RoundTripThroughPercentDecoding(NonEmptyString name, NonNull<string> version, NonNull<string> space, NonNull<string> qualifier)
    {
        // Package metadata reaches the encoder as text decoded from UTF-8, which never holds a lone surrogate.
        if (new[] { name.Get, version.Get, space.Get, qualifier.Get }.Any(HasLoneSurrogate))
        {
            return;
        }

        var purl = new PackageUrl("deb", space.Get, name.Get, version.Get, new Dictionary<string, string> { ["distro"] = qualifier.Get }).ToString();

        Assert.All(purl, c => Assert.True(c is > ' ' and < (char)127, $"'{c}' in {purl}"));
        var (path, query) = Split(purl["pkg:".Length..], '?');
        var segments = path.Split('/');
        Assert.Equal("deb", segments[0]);
        var (encodedName, encodedVersion) = Split(segments[^1], '@');
        Assert.Equal(name.Get, Uri.UnescapeDataString(encodedName));
        Assert.Equal(version.Get, encodedVersion is null ? string.Empty : Uri.UnescapeDataString(encodedVersion));
        Assert.Equal(
            space.Get.Split('/', StringSplitOptions.RemoveEmptyEntries),
            segments[1..^1].Select(Uri.UnescapeDataString));
        Assert.Equal(qualifier.Get.Length == 0 ? null : "distro=" + qualifier.Get, query is null ? null : "distro=" + Uri.UnescapeDataString(query["distro=".Length..]));
    }

    [Property(MaxTest = 120, Arbitrary = [typeof(PropertyTests)])]
    public void LayerReader_MutatedLayer_GivesTheSameEntriesOrAnImageReadException(MutationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var compression = (TestCompression)(plan.Seed % 3);
        var blob = Archives.Compress(SmallTar.Value, compression);
        var expected = Describe(ReadLayer(blob, compression).Contents);
        var mutated = plan.Apply(blob);

        try
        {
            var result = ReadLayer(mutated, compression);
            Assert.Equal(expected, Describe(result.Contents));
        }
        catch (ImageReadException)
        {
        }
    }

    [Property(MaxTest = 80, Arbitrary = [typeof(PropertyTests)])]
    public void DockerArchiveReader_MutatedArchive_GivesTheSameFilesOrAnImageReadException(MutationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var expected = Describe(ReadArchive(SmallArchive.Value));

        try
        {
            Assert.Equal(expected, Describe(ReadArchive(plan.Apply(SmallArchive.Value))));
        }
        catch (ImageReadException)
        {
        }
    }

    /// <summary>Byte flips at positions (scaled to the input), and optionally a cut, as FsCheck generates and shrinks them.</summary>
    public sealed record MutationPlan(int Seed, (int Position, byte Value)[] Flips, int? CutPermille)
    {
        public byte[] Apply(byte[] input)
        {
            ArgumentNullException.ThrowIfNull(input);
            var copy = input.ToArray();
            foreach (var (position, value) in Flips ?? [])
            {
                if (copy.Length > 0)
                {
                    copy[(int)((uint)position % (uint)copy.Length)] = value;
                }
            }

            return CutPermille is { } permille ? copy[..(int)(copy.Length * (long)((uint)permille % 1000) / 1000)] : copy;
        }

        public override string ToString() => $"seed {Seed}, flips [{string.Join(", ", (Flips ?? []).Select(f => $"{f.Position}={f.Value:x2}"))}], cut {CutPermille}";
    }

    private static readonly string[] Structured =
    [
        "Package: a\nVersion: 1\nStatus: install ok installed\nDepends: b (>= 1) | c\nDescription: x\n more\n\n",
        "P:musl\nV:1.2.5-r0\nA:x86_64\nL:MIT\nF:lib\nR:ld-musl.so.1\n\n",
        "{\"name\":\"a\",\"version\":\"1.0.0\",\"license\":\"MIT\",\"dependencies\":{\"b\":\"^1\"}}",
        "Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nLicense: Apache-2.0\nRequires-Dist: idna\n\nbody",
        "{\"targets\":{\".NETCoreApp,Version=v8.0\":{\"A/1.0\":{\"dependencies\":{\"B\":\"2.0\"}}}},\"libraries\":{\"A/1.0\":{\"type\":\"package\",\"sha512\":\"x\"}}}",
        "{\"jsonwall\":\"1.0\",\"schema\":\"1.0\",\"count\":2}\n{\"kind\":\"package\",\"name\":\"base-files\",\"version\":\"13ubuntu10\",\"sha256\":\"ab\",\"arch\":\"amd64\"}\n",
        "NAME=\"Debian GNU/Linux\"\nID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n",
        "# escape=`\nFROM alpine AS build\nRUN <<EOF\necho hi\nEOF\nCOPY --from=build / /\nUSER app\n",
        "Files: *\nCopyright: 2020 x\nLicense: GPL-2+ or MIT\n",
    ];

    private static Gen<byte[]> Mutations(byte[] seed) =>
        Gen.ArrayOf(Gen.Zip(Gen.Choose(0, seed.Length - 1), ArbMap.Default.GeneratorFor<byte>()))
            .Select(flips =>
            {
                var copy = seed.ToArray();
                foreach (var (position, value) in flips)
                {
                    copy[position] = value;
                }

                return copy;
            });

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static (string Head, string? Tail) Split(string text, char separator)
    {
        var at = text.IndexOf(separator, StringComparison.Ordinal);
        return at < 0 ? (text, null) : (text[..at], text[(at + 1)..]);
    }

    // FsCheck properties are synchronous; the readers are async. Task.Run keeps the wait off any synchronisation context.
#pragma warning disable VSTHRD002
    private static Rampart.Images.Layers.LayerReadResult ReadLayer(byte[] blob, TestCompression compression)
    {
        var session = new ImageReadSession("property", Selection, ImageReaderOptions.Default);
        return Task.Run(async () =>
        {
            var result = await session.ReadLayerAsync(new NonSeekableStream(new MemoryStream(blob)), 0, $"mutated-{compression}", CancellationToken.None);
            session.Verify(result, Archives.ImageReadDiffId(SmallTar.Value));
            return result;
        }).GetAwaiter().GetResult();
    }

    private static ImageSnapshot ReadArchive(byte[] archive) =>
        Task.Run(() => DockerArchiveReader.ReadAsync(new NonSeekableStream(new MemoryStream(archive)), "property", Selection, ImageReaderOptions.Default, CancellationToken.None))
            .GetAwaiter().GetResult();
#pragma warning restore VSTHRD002

    private static string Describe(LayerContents contents) => Describe(FileView.OfLayer(contents));

    private static string Describe(ImageSnapshot snapshot) =>
        string.Join(',', snapshot.Image.Layers.Select(l => l.DiffId)) + "\n" + Describe(snapshot.Files);

    private static string Describe(IFileView files) => string.Join('\n', files.Entries.OrderBy(e => e.Path, StringComparer.Ordinal).Select(e =>
        $"{e.Path} {e.Kind} {(int)e.Mode} {e.Uid}:{e.Gid} {e.Size} {e.LinkTarget} {(files.ReadContent(e) is { } c ? Convert.ToHexString(c.Span) : "-")}"));
}
