package org.madoguchi.platform.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the API reference (/swagger-ui.html) says about itself: the product and its version instead of
 * springdoc's "OpenAPI definition v0", and this server by its public address instead of "Generated server url".
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    @Bean
    OpenAPI madoguchiApi(@Value("${madoguchi.public-base-url:}") String publicBaseUrl,
                         ObjectProvider<BuildProperties> build) {
        String version = build.getIfAvailable() == null ? "development" : build.getIfAvailable().getVersion();
        String url = publicBaseUrl.isBlank() ? "/" : publicBaseUrl.replaceAll("/+$", "");
        return new OpenAPI()
                .info(new Info().title("madoguchi API（総合窓口 受付案内）").version(version)
                        .description("受付・呼出・窓口情報・統計・手続ナビ・事前入力の API。"
                                + "認証・CSRF・エラー（problem+json）の説明は docs/api.md にあります。 "
                                + "Reception, calls, live information, statistics, navigator and pre-entry; "
                                + "authentication, CSRF and errors are described in docs/api.md."))
                .servers(List.of(new Server().url(url).description("このサーバー / this server")));
    }
}
