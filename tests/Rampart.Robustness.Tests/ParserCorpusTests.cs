using System.Buffers.Binary;
using System.Text;
using Rampart.Robustness.Tests.Support;

namespace Rampart.Robustness.Tests;

/// <summary>Malformed package databases, os-release files and Dockerfiles: each parser warns at most, never throws, and finishes in bounded time.</summary>
public sealed class ParserCorpusTests
{
    public static TheoryData<string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (parser, name, _) in Corpus())
            {
                data.Add(parser, name);
            }

            return data;
        }
    }

    [Fact]
    public void Corpus_CoversEveryParser() =>
        Assert.Equal(Parsers.All.Keys.Order(StringComparer.Ordinal), Corpus().Select(c => c.Parser).Distinct().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Parse_MalformedInput_WarnsOrReturnsNothingButNeverThrows(string parser, string name)
    {
        var input = Corpus().Single(c => c.Parser == parser && c.Name == name).Bytes();
        var warnings = new List<string>();

        await Bounded.RunAsync($"{parser}/{name}", _ => Task.FromResult(Parsers.All[parser](input, warnings.Add)));

        Assert.All(warnings, w => Assert.True(w.Length < 4096, $"a warning of {w.Length} characters echoes the input back"));
    }

    [Fact]
    public void Rpm_HeaderClaimingEntriesBeyondItsData_IsRefusedWithAWarning()
    {
        var warnings = new List<string>();

        Parsers.All["rpm-header"](RpmBlob(indexLength: 1_000_000, dataLength: 16), warnings.Add);

        Assert.Contains(warnings, w => w.Contains("1000000 entries", StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_UnterminatedHeredoc_RunsToTheEndOfTheFile()
    {
        var parsed = Rampart.Core.Dockerfiles.DockerfileParser.Parse("FROM alpine\nRUN <<EOF\necho one\necho two\n");

        var run = Assert.Single(parsed.Instructions, i => i.Keyword == "RUN");
        Assert.Equal("echo one\necho two", Assert.Single(run.Heredocs).Body);
    }

    [Fact]
    public void Dockerfile_InvalidEscapeDirective_KeepsTheBackslash()
    {
        var parsed = Rampart.Core.Dockerfiles.DockerfileParser.Parse("# escape=x\nFROM alpine\nRUN a \\\n b\n");

        Assert.Equal('\\', parsed.EscapeCharacter);
        Assert.Equal("a  b", parsed.Instructions[1].Arguments);
    }

    internal static IEnumerable<(string Parser, string Name, Func<byte[]> Bytes)> Corpus()
    {
        static (string, string, Func<byte[]>) Text(string parser, string name, Func<string> text) => (parser, name, () => Encoding.UTF8.GetBytes(text()));
        static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));
        var random = HostileImages.RandomBytes(64 * 1024);
        var binaryJunk = new Func<byte[]>(() => random);

        foreach (var parser in Parsers.All.Keys)
        {
            yield return (parser, "empty", () => []);
            yield return (parser, "random-bytes", binaryJunk);
            yield return (parser, "invalid-utf8", () => [0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80, 0x0a, 0x00]);
            yield return Text(parser, "nul-and-controls", () => Repeat("\0\u001b[2J\r\u2028\u202e", 2000));
        }

        yield return Text("os-release", "unterminated-quotes", () => "ID=\"debian\nVERSION_ID='12\nNAME=\"x\\\"");
        yield return Text("os-release", "shell-expansion", () => "ID=$(rm -rf /)\nVERSION_ID=`id`\nNAME=${HOME}\n");
        yield return Text("os-release", "one-megabyte-line", () => "PRETTY_NAME=\"" + new string('A', 1 << 20) + "\"\n");
        yield return Text("os-release", "no-equals-signs", () => Repeat("just some words\n", 10_000));
        yield return Text("os-release", "backslash-at-end", () => "ID=debian\\");
        yield return Text("dpkg-status", "continuation-without-stanza", () => " continued\n .\n  more\n");
        yield return Text("dpkg-status", "stanza-without-package", () => "Status: install ok installed\nVersion: 1.0\n\n");
        yield return Text("dpkg-status", "ten-thousand-empty-stanzas", () => Repeat("\n\n", 10_000));
        yield return Text("dpkg-status", "huge-continuation-chain", () => "Package: a\nDescription: x\n" + Repeat(" line\n", 200_000));
        yield return Text("dpkg-status", "bad-depends-syntax", () => "Package: a\nVersion: 1\nStatus: install ok installed\nDepends: (>= , |||| ,, [amd64 <!nocheck> \n\n");
        yield return Text("dpkg-status", "colon-only-fields", () => Repeat(":\n: :\n", 5000));
        yield return Text("apk-installed", "fields-without-package", () => "V:1.0\nA:x86_64\n\n");
        yield return Text("apk-installed", "single-letter-lines", () => Repeat("P\nV\n\n", 5000));
        yield return Text("apk-installed", "huge-field", () => "P:" + new string('p', 1 << 20) + "\nV:1\n\n");
        yield return Text("apk-installed", "files-without-folder", () => "P:a\nV:1\nR:orphan\nZ:Q1notbase64!!\n\n");
        yield return ("rpm-header", "claims-a-million-entries", () => RpmBlob(1_000_000, 16));
        yield return ("rpm-header", "negative-lengths", () => RpmBlob(-1, -1));
        yield return ("rpm-header", "entries-pointing-outside-data", () => RpmEntries(16, (1000, 6, 1_000_000, 1), (1001, 8, 0, int.MaxValue), (1002, 4, -4, 2)));
        yield return ("rpm-header", "unknown-types", () => RpmEntries(16, (1000, 42, 0, 1), (1001, -7, 0, 1)));
        yield return ("rpm-header", "strings-without-terminator", () => RpmEntries(8, (1000, 6, 0, 1), (1047, 8, 0, 50), (100, 8, 4, 3)));
        yield return ("rpm-header", "i18n-table-without-strings", () => RpmEntries(4, (100, 8, 0, 9), (1004, 9, 0, 9)));
        yield return ("rpm-sqlite", "magic-then-garbage", () => [.. "SQLite format 3\0"u8, .. random]);
        yield return ("rpm-sqlite", "magic-only", () => "SQLite format 3\0"u8.ToArray());
        yield return Text("chisel-manifest", "header-only", () => """{"jsonwall":"1.0","schema":"1.0","count":1}""");
        yield return Text("chisel-manifest", "wrong-types", () => "{\"jsonwall\":\"1.0\"}\n{\"kind\":\"package\",\"name\":5,\"version\":[1],\"sha256\":{}}\n{\"kind\":\"path\",\"path\":null,\"slices\":\"x\"}\n");
        yield return Text("chisel-manifest", "deep-nesting", () => "{\"jsonwall\":\"1.0\"}\n" + new string('[', 100_000) + new string(']', 100_000) + "\n");
        yield return Text("chisel-manifest", "unterminated-object", () => "{\"jsonwall\":\"1.0\"}\n{\"kind\":\"package\",\"name\":\"a\n");
        yield return Text("npm-package-json", "wrong-types", () => """{"name": 5, "version": ["1"], "license": {"type": 7}, "licenses": "MIT", "dependencies": [1,2]}""");
        yield return Text("npm-package-json", "deep-nesting", () => "{\"name\":\"a\",\"version\":\"1\",\"x\":" + new string('[', 100_000) + new string(']', 100_000) + "}");
        yield return Text("npm-package-json", "top-level-array", () => "[1,2,3]");
        yield return Text("npm-package-json", "comments-and-trailing-commas", () => "{/* c */ \"name\": \"a\", \"version\": \"1\",}");
        yield return Text("npm-package-json", "duplicate-keys", () => """{"name":"a","name":"b","version":"1","version":null}""");
        yield return Text("python-metadata", "headers-without-values", () => "Metadata-Version:\nName:\nVersion:\n");
        yield return Text("python-metadata", "body-only", () => "\n\n" + Repeat("Name: fake\n", 1000));
        yield return Text("python-metadata", "folded-lines-forever", () => "Metadata-Version: 2.1\nName: a\nVersion: 1\nLicense: x\n" + Repeat("        more\n", 100_000));
        yield return Text("deps-json", "wrong-types", () => """{"targets": [], "libraries": {"a/1": 5, "b": {"type": 7, "sha512": []}}}""");
        yield return Text("deps-json", "library-keys-without-slash", () => """{"targets":{".NETCoreApp,Version=v8.0":{"noslash":{"dependencies":{"x":5}}}},"libraries":{"noslash":{"type":"package"}}}""");
        yield return Text("deps-json", "deep-nesting", () => "{\"targets\":" + new string('[', 100_000) + new string(']', 100_000) + "}");
        yield return ("java-archive", "empty-entry-then-end", () => [.. LocalHeader("a", 0), .. ZipEnd(entries: 0)]);
        yield return ("java-archive", "end-record-claiming-entries-it-lacks", () => [.. LocalHeader("a", 0), .. ZipEnd(entries: 500)]);
        yield return ("java-archive", "zip64-locator-pointing-past-the-end", () => [.. LocalHeader("a", 0), .. Zip64Locator(ulong.MaxValue), .. ZipEnd(entries: ushort.MaxValue)]);
        yield return ("java-archive", "zip64-record-claiming-2^63-entries", () => [.. LocalHeader("a", 0), .. Zip64End(long.MaxValue), .. Zip64Locator(0), .. ZipEnd(entries: ushort.MaxValue)]);
        yield return ("java-archive", "end-signature-repeated", () => [.. LocalHeader("a", 0), .. Enumerable.Repeat(ZipEnd(entries: 1), 4000).SelectMany(b => b)]);
        yield return ("java-archive", "data-descriptor-flag-and-no-descriptor", () => [.. LocalHeader("META-INF/MANIFEST.MF", 1 << 3), .. Enumerable.Repeat((byte)'P', 1 << 20)]);
        yield return ("java-archive", "nested-jar-headers-forever", () => [.. Enumerable.Repeat(LocalHeader("x.jar", 1 << 3), 20_000).SelectMany(b => b)]);
        yield return Text("java-manifest", "continuation-forever", () => "Manifest-Version: 1.0\nExport-Package: a\n" + Repeat(" bcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstu\n", 100_000));
        yield return Text("java-manifest", "continuations-without-attribute", () => Repeat(" orphan\n", 50_000));
        yield return Text("pom-properties", "backslash-at-end", () => "artifactId=a\\");
        yield return Text("pom-properties", "truncated-unicode-escape", () => "artifactId=\\u12\nversion=\\u");
        yield return Text("pom-properties", "continued-forever", () => "version=1" + Repeat("\\\n 2", 100_000));
        yield return Text("gemspec", "unterminated-literals", () => "s.name = \"a\ns.version = 'b\ns.licenses = [%q<c\n");
        yield return Text("gemspec", "escapes-at-the-end", () => "s.name = \"\\u\"\ns.version = \"\\u{110000 D800 zz}\\x\\");
        yield return Text("gemspec", "dependencies-without-names", () => "s.name = \"a\"\ns.version = \"1\"\n" + Repeat("s.add_dependency(\n s.add_runtime_dependency %q\n", 20_000));
        yield return Text("gemspec", "one-megabyte-array", () => "s.name = \"a\"\ns.version = \"1\"\ns.authors = [" + Repeat("\"x\".freeze, ", 100_000) + "]\n");
        yield return Text("composer-installed", "wrong-types", () => """{"packages": [{"name": 5, "version": "1"}, {"name": "a/b", "version": "1", "license": {"x": 1}, "authors": "me", "require": ["a/c"]}, null]}""");
        yield return Text("composer-installed", "deep-nesting", () => "{\"packages\":" + new string('[', 100_000) + new string(']', 100_000) + "}");
        yield return Text("composer-installed", "packages-not-an-array", () => """{"packages": {"a/b": {"version": "1"}}}""");
        yield return Text("debian-copyright", "licence-lines-without-values", () => Repeat("License:\nLicense: \n", 5000));
        yield return Text("debian-copyright", "huge-license-name", () => "License: " + new string('L', 1 << 20) + "\n");
        yield return Text("dockerfile", "huge-continuation-chain", () => "FROM alpine\nRUN echo \\\n" + Repeat("  a \\\n", 100_000) + "  end\n");
        yield return Text("dockerfile", "continuation-to-end-of-file", () => "FROM alpine\nRUN echo \\");
        yield return Text("dockerfile", "unterminated-heredoc", () => "FROM alpine\nRUN <<EOF\n" + Repeat("echo hi\n", 50_000));
        yield return Text("dockerfile", "many-heredocs-on-one-line", () => "FROM alpine\nRUN " + Repeat("<<A ", 5000) + "\n" + Repeat("A\n", 10));
        yield return Text("dockerfile", "invalid-escape-directive", () => "# escape=xyz\n# escape=\nFROM alpine\nRUN a \\\nb\n");
        yield return Text("dockerfile", "backtick-escape-at-end", () => "# escape=`\nFROM alpine\nRUN a `");
        yield return Text("dockerfile", "flags-without-values", () => "FROM --platform= --\nCOPY --from --chown=:\nRUN --mount=type=secret,id=,target= --");
        yield return Text("dockerfile", "only-comments-and-continuations", () => Repeat("# c\n\\\n", 50_000));
        yield return Text("shell-script", "unbalanced-quotes", () => "echo 'a \"b $(c `d");
        yield return Text("shell-script", "deep-subshells", () => new string('(', 50_000) + "true" + new string(')', 50_000));
        yield return Text("shell-script", "deep-command-substitution", () => Repeat("$(", 20_000) + "x" + new string(')', 20_000));
        yield return Text("history-created-by", "nop-without-instruction", () => "/bin/sh -c #(nop) ");
        yield return Text("history-created-by", "buildkit-prefixes", () => "|9999999999999999999 A=1 /bin/sh -c " + Repeat("RUN ", 10_000));
    }

    /// <summary>A zip end of central directory record (APPNOTE.TXT 4.3.16) declaring <paramref name="entries"/> and nothing else.</summary>
    private static byte[] ZipEnd(ushort entries)
    {
        var record = new byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(record, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(8), entries);
        BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(10), entries);
        return record;
    }

    /// <summary>A local file header (4.3.7) of an empty stored entry.</summary>
    private static byte[] LocalHeader(string name, ushort flags)
    {
        var header = new byte[30 + name.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0x04034b50);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), flags);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(26), (ushort)name.Length);
        Encoding.ASCII.GetBytes(name).CopyTo(header, 30);
        return header;
    }

    /// <summary>A zip64 end of central directory locator (4.3.15) pointing at <paramref name="offset"/>.</summary>
    private static byte[] Zip64Locator(ulong offset)
    {
        var locator = new byte[20];
        BinaryPrimitives.WriteUInt32LittleEndian(locator, 0x07064b50);
        BinaryPrimitives.WriteUInt64LittleEndian(locator.AsSpan(8), offset);
        return locator;
    }

    /// <summary>A zip64 end of central directory record (4.3.14) declaring <paramref name="entries"/>.</summary>
    private static byte[] Zip64End(long entries)
    {
        var record = new byte[56];
        BinaryPrimitives.WriteUInt32LittleEndian(record, 0x06064b50);
        BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(24), entries);
        BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(32), entries);
        return record;
    }

    private static byte[] RpmBlob(int indexLength, int dataLength)
    {
        var blob = new byte[8 + 64];
        BinaryPrimitives.WriteInt32BigEndian(blob, indexLength);
        BinaryPrimitives.WriteInt32BigEndian(blob.AsSpan(4), dataLength);
        return blob;
    }

    private static byte[] RpmEntries(int dataLength, params (int Tag, int Type, int Offset, int Count)[] entries)
    {
        var blob = new byte[8 + (16 * entries.Length) + dataLength];
        BinaryPrimitives.WriteInt32BigEndian(blob, entries.Length);
        BinaryPrimitives.WriteInt32BigEndian(blob.AsSpan(4), dataLength);
        for (var i = 0; i < entries.Length; i++)
        {
            var at = blob.AsSpan(8 + (16 * i));
            BinaryPrimitives.WriteInt32BigEndian(at, entries[i].Tag);
            BinaryPrimitives.WriteInt32BigEndian(at[4..], entries[i].Type);
            BinaryPrimitives.WriteInt32BigEndian(at[8..], entries[i].Offset);
            BinaryPrimitives.WriteInt32BigEndian(at[12..], entries[i].Count);
        }

        blob.AsSpan(8 + (16 * entries.Length)).Fill((byte)'a');
        return blob;
    }
}
