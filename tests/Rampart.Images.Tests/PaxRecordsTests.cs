using System.Text;
using Rampart.Images.Layers;

namespace Rampart.Images.Tests;

public sealed class PaxRecordsTests
{
    [Fact]
    public void TryFind_BinaryValueHoldingNewlinesAndSpaces_IsTakenByItsLength()
    {
        byte[] value = [0x01, 0x00, 0x00, 0x02, (byte)'\n', (byte)' ', 0x80, 0xFF];
        var records = Concat(Record("mtime", "1700000000"u8), Record("SCHILY.xattr.security.capability", value), Record("size", "12"u8));

        Assert.True(PaxRecords.TryFind(records, "SCHILY.xattr.security.capability", out var found));
        Assert.Equal(value, found.ToArray());
        Assert.True(PaxRecords.TryFind(records, "size", out var size));
        Assert.Equal("12", Encoding.ASCII.GetString(size));
    }

    [Fact]
    public void TryFind_RepeatedKey_TheLastRecordWins()
    {
        var records = Concat(Record("path", "a"u8), Record("path", "b"u8));

        Assert.True(PaxRecords.TryFind(records, "path", out var found));
        Assert.Equal("b", Encoding.ASCII.GetString(found));
    }

    [Fact]
    public void TryFind_KeyIsMatchedWholeNotByPrefix()
    {
        var records = Record("sizes", "1"u8);

        Assert.False(PaxRecords.TryFind(records, "size", out _));
    }

    [Theory]
    [InlineData("99 size=1\n")]
    [InlineData("x size=1\n")]
    [InlineData("10 size=12")]
    [InlineData("3 size=1\n")]
    public void TryFind_MalformedRecord_StopsReading(string text)
    {
        var records = Concat(Encoding.ASCII.GetBytes(text), Record("size", "5"u8));

        Assert.False(PaxRecords.TryFind(records, "size", out _));
    }

    /// <summary>One record, <c>LENGTH key=value\n</c>, LENGTH counting itself.</summary>
    private static byte[] Record(string key, ReadOnlySpan<byte> value)
    {
        var body = Concat(Encoding.ASCII.GetBytes($" {key}="), value.ToArray(), "\n"u8.ToArray());
        var length = body.Length + 1;
        while (length.ToString(System.Globalization.CultureInfo.InvariantCulture).Length + body.Length != length)
        {
            length++;
        }

        return Concat(Encoding.ASCII.GetBytes(length.ToString(System.Globalization.CultureInfo.InvariantCulture)), body);
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
