using Rampart.Catalogers.Dpkg;
using Rampart.Catalogers.Tests.Support;

namespace Rampart.Catalogers.Tests.Dpkg;

public sealed class DebianCopyrightParserTests
{
    private static string Copyright(string package) =>
        File.ReadAllText(TestImage.TestData($"dpkg/debian-bookworm/usr/share/doc/{package}/copyright"));

    [Fact]
    public void A_machine_readable_file_gives_each_license_short_name_once()
    {
        Assert.Equal(["Zlib"], DebianCopyrightParser.Parse(Copyright("zlib1g")));
    }

    [Fact]
    public void Conjunctions_split_names_and_exceptions_stay_attached()
    {
        Assert.Equal(
            ["GPL-3+", "GPL-3+ with Bison exception", "GPL-2+", "GFDL-NIV-1.3", "Latex2e", "BSD-4-clause-UC", "MIT-like", "permissive"],
            DebianCopyrightParser.Parse(Copyright("bash")));
    }

    [Fact]
    public void Or_separated_choices_become_separate_names()
    {
        var licenses = DebianCopyrightParser.Parse(Copyright("libpam-runtime"));

        Assert.Equal("BSD-3-clause", licenses[0]);
        Assert.Equal("GPL", licenses[1]);
    }

    [Fact]
    public void A_free_text_file_is_read_for_common_licenses_references()
    {
        Assert.Equal(["GPL"], DebianCopyrightParser.Parse(Copyright("base-files")));
    }

    [Fact]
    public void A_free_text_file_without_references_names_nothing()
    {
        Assert.Empty(DebianCopyrightParser.Parse("Copyright 2020 Someone.\nAll rights reserved.\n"));
    }

    [Fact]
    public void A_common_licenses_path_ends_at_punctuation()
    {
        Assert.Equal(["Apache-2.0"], DebianCopyrightParser.Parse("see /usr/share/common-licenses/Apache-2.0.\n"));
    }
}
