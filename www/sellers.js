// The contracting entities (003 §8) a customer picks from, per language: the Checkout form's
// seller and the All-calculations Tax and Invoice selects read their names here, the value sent
// being the key. In Chinese, the names the guide gives them ("新加坡Sparkoo", …).
import { lang } from "./i18n.js";

export const TEXT_BY_LANG = {
  en: {
    sparkooSingapore: "Sparkoo Technologies Singapore",
    huaweiServicesHk: "Huawei Services (Hong Kong)",
    huaweiKorea: "Huawei Korea",
    huaweiIndia: "Huawei India",
    huaweiMexico: "Huawei Mexico",
    sparkooThailand: "Sparkoo Thailand",
    sparkooArabia: "Sparkoo Arabia",
    huaweiPhilippines: "Huawei Philippines",
    sparkooIndonesia: "Sparkoo Indonesia",
  },
  "zh-CN": {
    sparkooSingapore: "新加坡Sparkoo",
    huaweiServicesHk: "华为服务（香港）有限公司",
    huaweiKorea: "韩国华为",
    huaweiIndia: "印度华为",
    huaweiMexico: "墨西哥华为",
    sparkooThailand: "泰国Sparkoo",
    sparkooArabia: "沙特Sparkoo",
    huaweiPhilippines: "菲律宾华为",
    sparkooIndonesia: "印度尼西亚Sparkoo",
  },
};

/** The sellers' names in the page's language, by the value a request sends. */
export const SELLERS = String(lang).startsWith("zh") ? TEXT_BY_LANG["zh-CN"] : TEXT_BY_LANG.en;
