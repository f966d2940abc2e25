using MusicGen.Core.Storage;

namespace MusicGen.Core.Tests.Storage;

public sealed class StorageConnectionTests
{
    [Fact]
    public void Parse_S3Form_ReadsEverySetting()
    {
        var connection = StorageConnection.Parse("Endpoint=http://127.0.0.1:4568;Bucket=music;AccessKey=ak;SecretKey=sk;Region=eu-west-1;ForcePathStyle=true");

        connection.IsFileSystem.ShouldBeFalse();
        connection.Endpoint.ShouldBe(new Uri("http://127.0.0.1:4568"));
        connection.Bucket.ShouldBe("music");
        connection.AccessKey.ShouldBe("ak");
        connection.SecretKey.ShouldBe("sk");
        connection.Region.ShouldBe("eu-west-1");
        connection.ForcePathStyle.ShouldBeTrue();
    }

    [Fact]
    public void Parse_PathForm_IsTheFolderStore()
    {
        var connection = StorageConnection.Parse("Path=/var/musicgen/blobs");

        connection.IsFileSystem.ShouldBeTrue();
        connection.Path.ShouldBe("/var/musicgen/blobs");
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("", "is not set")]
    [InlineData("Endpoint=http://x", "Bucket is missing")]
    [InlineData("Endpoint=ftp://x;Bucket=b", "not an absolute http(s) URL")]
    public void Parse_Malformed_SaysWhatToFix(string? value, string expected)
    {
        Should.Throw<InvalidOperationException>(() => StorageConnection.Parse(value)).Message.ShouldContain(expected);
    }
}
