package org.vaultmail.apidocs;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Serves the OpenAPI document and renders it as a page (server-side: readable without JavaScript). Both public. */
@Controller
class ApiDocsController {

    private final ApiDocument document;
    private final ApiDocsPage page;

    ApiDocsController(ApiDocument document) {
        this.document = document;
        this.page = ApiDocsPage.of(document.tree());
    }

    @GetMapping(value = "/api/v1/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> openApi() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noCache()).body(document.bytes());
    }

    @GetMapping("/api/docs")
    String docs(Model model) {
        model.addAttribute("api", page);
        return "api-docs";
    }
}
