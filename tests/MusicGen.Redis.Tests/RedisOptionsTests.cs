using MusicGen.Redis;

namespace MusicGen.Redis.Tests;

public sealed class RedisOptionsTests
{
    [Fact]
    public void Parse_AspireStyleString_ReadsEverySetting()
    {
        var options = RedisOptions.Parse("cache.local:6380,password=s3cret,user=app,ssl=true,defaultDatabase=2,connectTimeout=1500,syncTimeout=700,abortConnect=false,name=api,allowAdmin=true");

        options.Endpoints.ShouldBe([("cache.local", 6380)]);
        options.Password.ShouldBe("s3cret");
        options.User.ShouldBe("app");
        options.Ssl.ShouldBeTrue();
        options.Database.ShouldBe(2);
        options.ConnectTimeout.ShouldBe(TimeSpan.FromMilliseconds(1500));
        options.CommandTimeout.ShouldBe(TimeSpan.FromMilliseconds(700));
        options.AbortConnect.ShouldBeFalse();
        options.ClientName.ShouldBe("api");
    }

    [Fact]
    public void Parse_HostWithoutPort_UsesDefaultPortAndSettings()
    {
        var options = RedisOptions.Parse("localhost");

        options.Endpoints.ShouldBe([("localhost", 6379)]);
        options.Password.ShouldBeNull();
        options.Ssl.ShouldBeFalse();
        options.AbortConnect.ShouldBeTrue();
        options.Protocol.ShouldBe(2);
    }

    [Fact]
    public void Parse_SeveralEndpointsAndResp3_KeepsOrder()
    {
        var options = RedisOptions.Parse("a:1, b:2 ,protocol=resp3");

        options.Endpoints.ShouldBe([("a", 1), ("b", 2)]);
        options.Protocol.ShouldBe(3);
    }
}
