namespace RefreshJwt.MockServer.Tests;
