namespace RefreshJwt.Conformance.Tests;
