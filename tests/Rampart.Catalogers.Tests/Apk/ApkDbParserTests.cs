using Rampart.Catalogers.Apk;
using Rampart.Catalogers.Tests.Support;

namespace Rampart.Catalogers.Tests.Apk;

public sealed class ApkDbParserTests
{
    private readonly List<string> _warnings = [];

    private IReadOnlyList<ApkEntry> Alpine() =>
        ApkDbParser.Parse(File.ReadAllText(TestImage.TestData("apk/alpine-3.20/lib/apk/db/installed")), _warnings.Add);

    [Fact]
    public void Every_paragraph_is_a_package()
    {
        Assert.Equal(["musl", "busybox", "ssl_client", "libcrypto3", "libssl3", "scanelf", "zlib"], Alpine().Select(e => e.Name));
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Every_field_letter_is_read()
    {
        var ssl = Alpine().Single(e => e.Name == "libssl3");

        Assert.Equal("3.3.2-r0", ssl.Version);
        Assert.Equal("x86_64", ssl.Architecture);
        Assert.Equal("Apache-2.0", ssl.License);
        Assert.Equal("SSL shared libraries", ssl.Description);
        Assert.Equal("https://www.openssl.org/", ssl.Url);
        Assert.Equal("Ariadne Conill <ariadne@dereferenced.org>", ssl.Maintainer);
        Assert.Equal("openssl", ssl.Origin);
        Assert.Equal("a2f7b7a5ed3bc6a6d2cd4e5f7ff8f1c8ac6d67f3", ssl.Commit);
        Assert.StartsWith("Q1", ssl.Checksum, StringComparison.Ordinal);
        Assert.Equal(1725451946, ssl.BuildTime);
        Assert.Equal((348123L, 786432L), (ssl.Size, ssl.InstalledSize));
        Assert.Equal(["so:libc.musl-x86_64.so.1", "so:libcrypto.so.3", "!libressl"], ssl.Dependencies);
        Assert.Equal(["so:libssl.so.3=3"], ssl.Provides);
        Assert.Equal(["pax-utils"], Alpine().Single(e => e.Name == "scanelf").Replaces);
    }

    [Fact]
    public void Files_join_their_directory_and_keep_their_checksum()
    {
        var musl = Alpine().Single(e => e.Name == "musl");

        Assert.Equal(["/lib/ld-musl-x86_64.so.1", "/lib/libc.musl-x86_64.so.1"], musl.Files.Select(f => f.Path));
        Assert.All(musl.Files, f => Assert.StartsWith("Q1", f.Checksum, StringComparison.Ordinal));
    }

    [Fact]
    public void Files_of_several_directories_are_kept_apart()
    {
        var busybox = Alpine().Single(e => e.Name == "busybox");

        Assert.Equal(["/bin/busybox", "/bin/sh", "/etc/securetty"], busybox.Files.Select(f => f.Path));
    }

    [Fact]
    public void Malformed_lines_files_without_a_directory_and_nameless_packages_are_skipped_with_warnings()
    {
        var text = "P:a\nV:1\nR:orphan\nnonsense\n\nV:2\n\nP:b\nV:3\r\nF:usr\nR:x\n";

        var entries = ApkDbParser.Parse(text, _warnings.Add);

        Assert.Equal([("a", "1"), ("b", "3")], entries.Select(e => (e.Name, e.Version)));
        Assert.Empty(entries[0].Files);
        Assert.Equal(["/usr/x"], entries[1].Files.Select(f => f.Path));
        Assert.Equal(3, _warnings.Count);
    }

    [Fact]
    public void Empty_input_gives_nothing()
    {
        Assert.Empty(ApkDbParser.Parse("\n\n", _warnings.Add));
        Assert.Empty(_warnings);
    }
}
